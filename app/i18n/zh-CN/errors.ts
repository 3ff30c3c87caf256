import type { Messages } from "../messages";

export const errors: Messages["errors"] = {
  invalid: "该值无效。",
  required: "此项为必填项。",
  email: "请输入有效的电子邮件地址。",
  tooLong: "内容过长。",
  tooShort: "内容过短。",
  date: "请按 YYYY-MM-DD 格式输入日期。",
  choice: "请选择一个选项。",
  formInvalid: "请更正下面标出的字段。尚未保存任何内容。",
  reauthWrong: "您的密码不正确，未做任何更改。请重新输入您本人的密码以确认。",
  storageUnavailable: "服务器暂时无法保存。内容尚未保存，您填写的内容保留在下方。请几分钟后再试。",
  reauthThrottled: "密码错误次数过多。为保障安全，请等待几分钟后再试。未做任何更改。",
};
