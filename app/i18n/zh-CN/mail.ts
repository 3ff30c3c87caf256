import type { Messages } from "../messages";

export const mail: Messages["mail"] = {
  greeting: (name) => `${name}，您好：`,
  signature: "—— Sunline 合规与商业道德平台",
  automated: "此邮件由系统自动发送，请勿回复。",
  passwordReset: {
    subject: "重置您的 Sunline 密码",
    body: (minutes) =>
      `有人申请重置您的 Sunline 账户密码。如果是您本人操作，请在 ${minutes} 分钟内打开下面的链接设置新密码。该链接只能使用一次。\n\n如果不是您本人操作，请忽略此邮件，您的密码不会改变。`,
    action: "设置新密码",
  },
  accountInvitation: {
    subject: "您的 Sunline 账户",
    body: (minutes) =>
      `已为您在 Sunline 合规与商业道德平台创建账户。请在 ${minutes} 分钟内打开下面的链接设置密码。该链接只能使用一次。`,
    action: "设置密码",
  },
  passwordChanged: {
    subject: "您的 Sunline 密码已更改",
    body: "您的 Sunline 账户密码刚刚被更改，其他所有会话均已退出。如果这不是您本人的操作，请立即联系管理员。",
  },
  caseNeedsAttention: {
    subject: "有案件需要您处理",
    body: "Sunline 上有一个案件需要您处理。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    action: "打开案件",
  },
  caseClockDue: {
    subject: "案件期限将至",
    body: (clock, due, overdue) =>
      `${clock === "acknowledge" ? "须向举报人确认收到举报" : "须向举报人反馈处理情况"}，期限为 ${due}${overdue ? "，现已逾期" : ""}。请登录查看案件；为保护举报人，本邮件不包含任何其他信息。`,
    action: "打开案件",
  },
  roleGrantRequested: {
    subject: "有一项角色变更等待您审批",
    body: (role) => `系统管理员申请为某个账户授予“${role}”角色。该角色可以查看案件内容或审计日志，须经合规负责人批准后才生效。`,
    action: "查看申请",
  },
  roleGranted: {
    subject: "已授予可查看案件的角色",
    body: (role) => `经合规负责人批准，某个账户已获得“${role}”角色。该角色可以查看案件内容或审计日志。`,
    action: "查看角色申请",
  },
  roleRemoved: {
    subject: "已撤销可查看案件的角色",
    body: (role) => `某个账户的“${role}”角色已被撤销。该角色可以查看案件内容或审计日志。`,
    action: "查看角色申请",
  },
  twoFactorReset: {
    subject: "您的双重身份验证已被重置",
    body: "系统管理员重置了您 Sunline 账户的双重身份验证，并已让该账户在所有设备上退出登录。如果您的角色要求双重身份验证，下次登录时需要重新设置。如果这不是您申请的，请立即联系管理员。",
  },
  outbox: {
    title: "发件箱",
    intro: "Sunline 发出的每封邮件都先在此排队。邮件在排队时即按收件人的语言生成；邮件服务器无法连接时，发送程序会以逐渐加长的间隔重试。",
    localTransport: "本系统使用本地邮件传输：邮件被标记为已发送，但不会经过任何邮件服务器。请在此阅读。",
    all: "全部",
    statusCount: (label, count) => `${label}（${count}）`,
    filterLabel: "显示",
    status: { QUEUED: "排队中", SENT: "已发送", FAILED: "发送失败" },
    locales: { zh_CN: "中文", en: "英文" },
    created: "排队时间",
    recipient: "收件人",
    subject: "主题",
    language: "语言",
    statusHeading: "状态",
    attempts: "尝试次数",
    empty: "没有邮件。",
    template: "模板",
    nextAttempt: "下次尝试",
    sentAt: "发送时间",
    messageId: "Message-ID",
    lastError: "最近错误",
    textBody: "纯文本",
    htmlBody: "HTML",
    htmlNote: "在沙箱中显示：邮件中的任何内容都不会在此执行，邮件自带的样式也不会应用。",
    htmlSource: "HTML 源码",
    redacted: "一次性链接在此显示为 …：该邮件通过电子邮件发给收件人，只有收件人才应能使用这些链接。",
    retry: "重新排队",
    retryHint: "邮件将重新进入队列，尝试次数清零；发送程序会在几秒内处理。",
    retried: "邮件已重新排队。",
    notRetryable: "只有发送失败的邮件才能重新排队。",
    back: "返回发件箱",
  },
};
