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
};
