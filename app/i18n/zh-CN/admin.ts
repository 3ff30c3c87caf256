import type { Messages } from "../messages";

export const admin: Messages["admin"] = {
  settings: {
    title: "设置",
    intro: "组织范围的设置。更改在所有服务器上立即生效，并记入审计日志。",
    organisation: "组织",
    security: "登录与会话",
    timeZone: "时区",
    timeZoneHint: "IANA 时区名称，如 Asia/Shanghai。期限、计时、日期和季度均按此时区计算。",
    nameZh: "中文名称",
    nameEn: "英文名称",
    requireTwoFactor: "要求所有可读取案件内容、审计数据或进行管理的角色使用双重身份验证",
    requireTwoFactorHint: "仅在演示时关闭。",
    sessionIdleMinutes: "空闲多少分钟后退出登录",
    sessionAbsoluteHours: "无论是否活动，多少小时后退出登录",
    loginMaxFailuresPerAccount: "每个账户允许的登录失败次数",
    loginMaxFailuresPerAddress: "每个网络地址允许的登录失败次数",
    loginLockMinutes: "失败次数过多后锁定的分钟数",
    passwordResetMinutes: "密码重置和邀请链接的有效分钟数",
    hotline: "举报处理时限",
    acknowledgeDays: "须在收到举报后多少天内向举报人确认收悉",
    feedbackMonths: "须在收到举报后多少个月内向举报人反馈",
    range: (min, max) => `范围：${min} 至 ${max}。`,
    save: "保存设置",
    saved: (n) => `已更改 ${n} 项设置。`,
    unchanged: "没有任何更改。",
  },
  errors: {
    timeZone: "服务器无法识别此时区。请使用 IANA 名称，如 Asia/Shanghai 或 Europe/London。",
    outOfRange: "超出允许范围。",
    wholeNumber: "请输入整数。",
  },
};
