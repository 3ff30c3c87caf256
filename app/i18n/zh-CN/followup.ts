import type { Messages } from "../messages";

export const followup: Messages["followup"] = {
  title: "跟进您的举报",
  intro: "输入提交举报时获得的回执码，即可查看回复、回答问题并补充文件。",
  notReportedYet: "还没有提交过举报？",
  makeReportLink: "提交举报",
  receiptLabel: "您的回执码",
  receiptHint: "由六组、每组四个字母或数字组成，例如 K7QM-3TXD-…。连字符和空格可有可无，大小写均可。",
  open: "打开我的举报",
  cookieNote: "回执码验证通过后，会用一个 Cookie 保持您的举报处于打开状态，直到您离开或几分钟内没有操作。该 Cookie 不含任何关于您的信息，本页面也不记录您的地址或浏览器。",
  format: {
    empty: "请输入您的回执码。",
    characters: "回执码中含有无效字符。回执码只使用数字 2–9 和不含元音、L、Y 的字母。",
    length: "回执码共有 24 个字母和数字（六组，每组四个）。请检查是否有遗漏或多余。",
  },
  refused: "该回执码无法打开任何举报。请检查后重试。",
  refusedPurgeHint: "结案已久的案件可能已按保存期限规定删除：其内容已不复存在，任何回执码都无法再打开它。",
  refusedWait: (minutes: number) => `多次输入错误后，此案件编号需等待 ${minutes} 分钟后才能再次尝试。`,
  referenceBlocked: (minutes: number) => `此案件编号错误尝试次数过多。请 ${minutes} 分钟后再试。`,
  siteBlocked: (minutes: number) => `本网站的尝试次数过多。请 ${minutes} 分钟后再试。`,
  sessionEnded: "由于几分钟内没有操作，为保护您，系统已将您退出。您的举报仍在合规与道德办公室处理中。请重新输入回执码以继续。",
  sessionEndedNotSent:
    "由于几分钟内没有操作，为保护您，系统已将您退出，所以您的消息还没有发出。消息没有丢失：它只保留在本页面中。重新输入回执码后，消息会回到输入框，您可以再发送。",
  filesAgainAfterReceipt: "已添加的文件无法这样保留：发送前请重新添加。",
  replyRestored: "您的消息已回到输入框，尚未发出：请检查后再发送。",
  sessionEndsAt: (minutes: number, time: string, timeZone: string) =>
    `为保护您，本页面在 ${minutes} 分钟内没有操作时会自动退出：如果您不再操作，将在 ${time}（${timeZone} 时间）退出。发送消息或打开页面会重新开始计算这 ${minutes} 分钟。`,
  sessionEndingSoon: "为保护您，大约两分钟后系统将自动退出。您已输入的文字会留在输入框中。",
  stay: "保持登录",
  sessionEndedWarning: "为保护您，系统已将您退出。您输入的文字仍在输入框中：发送时会请您输入回执码，文字不会丢失。",
  left: "您已离开您的举报。如果其他人也使用这台电脑，请关闭此窗口。",
  invalid: "表单缺少内容，请重试。",

  reportHeading: (reference: string) => `举报 ${reference}`,
  statusLabel: "状态",
  status: {
    RECEIVED: "已收到，正在评估",
    INVESTIGATING: "正在调查",
    CONCLUDING: "调查即将结束",
    CLOSED: "已结案",
  },
  receivedLabel: "收到日期",
  purged: "此案件已结案，其内容已按保存期限规定删除。无法再查看或补充任何内容。",
  leave: "离开",
  leaveHint: "完成后请离开，尤其是在共用电脑上。",

  reportedHeading: "您举报的内容",
  yourFiles: "随举报提交的文件",

  messagesHeading: "消息",
  noMessages: "暂无消息。",
  from: {
    REPORTER: "您",
    OFFICE: "合规与道德办公室",
    SYSTEM: "Sunline",
  },
  templates: {
    acknowledgement: (acknowledgeBy: string, feedbackBy: string) =>
      `感谢您：您的举报已收到，将由合规与道德办公室进行评估。您最迟将于 ${acknowledgeBy} 在此收到第一次回复，并于 ${feedbackBy} 前收到处理情况的反馈。请凭回执码回来查看回复并回答问题。`,
  },
  unknownTemplate: "来自 Sunline 的消息。",
  download: "下载",
  unnamedFile: (kind: string) => `${kind} 文件`,
  fileSize: (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`),

  replyHeading: "给合规与道德办公室写信",
  closedReplyNote: "本案已结案。合规与道德办公室仍会阅读此处的留言。",
  replyLabel: "您的消息",
  replyHint: "回答他们的问题，或补充您后来了解到的情况。除非您愿意，否则不要写上您的姓名。",
  send: "发送",
  sent: "您的消息已发出。",
  replyFailed: "您的消息没有发出。请更正下面标出的内容。",
  replyUnavailable: "服务器暂时无法保存内容。您的消息没有发出，您填写的内容保留在下方。请几分钟后再试。",
};
