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
  caseNotices: {
    action: "打开案件",
    caseNewReport: {
      subject: "收到一份新举报",
      body: "举报热线收到一份新举报，等待分级。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseReporterReplied: {
      subject: "举报人有新回复",
      body: "您经办的案件中，举报人发来了新消息。请登录阅读；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseAssigned: {
      subject: "您被分派了一个案件",
      body: "您已被分派为一个案件的经办人。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseAssigneeRecused: {
      subject: "有经办人回避了案件",
      body: "您负责分级的一个案件中，有经办人申请回避，可能需要另行分派。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseFindingsAwaitApproval: {
      subject: "调查结论等待您审批",
      body: "一个案件的调查结论已经记录，等待合规负责人审批。请登录审阅；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseFindingsApproved: {
      subject: "调查结论已获批准，可以结案",
      body: "您经办案件的调查结论已获批准，现在可以结案。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseFindingsReturned: {
      subject: "调查结论被退回",
      body: "您经办案件的调查结论被退回，需要继续调查。请登录查看原因；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseReopened: {
      subject: "案件已重新开启",
      body: "您经办的一个案件已重新开启，需要继续调查。请登录查看原因；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseUrgent: {
      subject: "有案件被标记为紧急",
      body: "一个案件被标记为紧急，须立即告知审计团队。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseIdentityRequested: {
      subject: "查看举报人身份的申请",
      body: "有经办人申请查看一位保密举报人的身份，等待决定。请登录处理；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseIdentityApproved: {
      subject: "您查看举报人身份的申请已获批准",
      body: "您查看保密举报人身份的申请已获批准。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseIdentityRejected: {
      subject: "您查看举报人身份的申请未获批准",
      body: "您查看保密举报人身份的申请未获批准。请登录查看案件；为保护举报人，本邮件不包含任何其他信息。",
    },
    caseTriageHandedOver: {
      subject: "有案件转由您分级",
      body: "一个案件的分级负责人有变动，现在由您负责分级。请登录查看；为保护举报人，本邮件不包含任何其他信息。",
    },
  },
  remediationOwner: {
    subject: "您负责一项整改措施",
    body: (due) => `您是一项案件整改措施的负责人，完成期限为 ${due}。请登录查看；本邮件不包含任何其他信息。`,
    bodyNoLink: (due) => `您是一项案件整改措施的负责人，完成期限为 ${due}。合规与道德办公室会告诉您需要做什么；本邮件不包含任何其他信息。`,
    action: "查看整改措施",
  },
  newReportsDigest: {
    subject: "举报热线有新举报",
    body: (count) =>
      `举报热线收到的举报数量异常。有 ${count} 份新举报未单独发送邮件通知；在此期间，您每小时只会收到一封汇总邮件。请登录进行分类处理；为保护举报人，本邮件不包含任何其他信息。`,
    action: "打开案件队列",
  },
  caseClockDue: {
    subject: "案件期限将至",
    body: (clock, due, overdue) =>
      `${clock === "acknowledge" ? "须向举报人确认收到举报" : "须向举报人反馈处理情况"}，期限为 ${due}${overdue ? "，现已逾期" : ""}。请登录查看案件；为保护举报人，本邮件不包含任何其他信息。`,
    action: "打开案件",
  },
  caseAccessGranted: {
    subject: "您已获授权查阅一个案件",
    body: (until) => `合规负责人已授权您在 Sunline 上查阅一个案件，有效期至 ${until} 当天结束。请登录查看；为保护举报人，本邮件不包含任何其他信息。`,
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
    linkExpires: "链接有效期至",
    back: "返回发件箱",
    /** Why a message was not queued again, by the refusal's code. */
    errors: {
      notRetryable: "只有发送失败的邮件才能重新排队。",
      linkExpired: "这封邮件中的链接已过期，因此未发送。请重新发起（重新申请重置密码或重新发送邀请），不要将这封邮件重新排队。",
    },
  },
};
