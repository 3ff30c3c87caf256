import type { Messages } from "../messages";

export const forms: Messages["forms"] = {
  signedOut: {
    title: "为保护您，系统已将您退出登录",
    intro:
      "由于一段时间没有操作，您的会话已结束，所以刚才提交的内容没有保存。您输入的文字没有丢失：它只保留在本页面中（任何地方都不存储）。重新登录后，文字会回到原来的输入框，您可以再发送。",
    filesAgain: "已添加的文件无法带过去：登录后请重新添加。",
    signIn: "登录并找回我的文字",
    codeIntro: "请输入身份验证器应用中的验证码，完成登录。",
    codeSubmit: "继续",
    continueTitle: "您已重新登录",
    continueIntro: "您的文字可以回到原来的输入框了。在您亲自发送之前，它不会被发送。",
    continue: "回到我的文字",
    nothingCarried: "没有需要带回的内容。请登录后继续。",
    restored: "您已重新登录。您输入的文字已回到输入框，尚未发送：请检查后再发送。",
  },
  errorSummary: {
    heading: (count: number) => `有 ${count} 处需要修改`,
    formOnly: "表单未能提交",
  },
  requiredWhen: (condition: string) => `（${condition}时必填）`,
  conditions: {
    identityGiven: "选择保密或实名举报",
    lossNeeded: "调查结论为属实或部分属实",
  },
};
