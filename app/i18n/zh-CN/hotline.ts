import type { Messages } from "../messages";

export const hotline: Messages["hotline"] = {
  headerLink: "举报问题",
  form: {
    title: "举报问题",
    intro: "无需账号，可以匿名。本页面不记录您的网络地址或浏览器信息，也不设置 Cookie。",
    categoryLegend: "举报内容属于哪一类？",
    categories: {
      GIFTS: {
        label: "礼品、招待与回扣",
        hint: "收受或给予可能影响业务决定的钱款、礼品、宴请、旅游或其他好处。",
      },
      MISAPPROPRIATION: {
        label: "侵占或挪用公司资产",
        hint: "拿走、转移或私用公司的资金、物品、设备或数据。",
      },
      FICTITIOUS_TRANSACTIONS: {
        label: "虚假交易",
        hint: "虚构或虚增发票、费用、销售或合同；伪造记录或账目。",
      },
      OUTSIDE_COMPETITION: {
        label: "同业竞争与利益冲突",
        hint: "经营或受雇于竞争企业，或与本人、亲属有利益关系的公司进行交易。",
      },
      CONFIDENTIAL_INFORMATION: {
        label: "泄露保密信息",
        hint: "未经授权透露商业秘密、客户资料、价格或其他未公开信息。",
      },
      OTHER: {
        label: "其他",
        hint: "其他违反行为准则、法律或公司制度的情况。",
      },
    },
    questionsLegend: "发生了什么",
    whatHappened: "发生了什么？",
    whatHappenedHint: "请用自己的话描述事实。这是唯一必须回答的问题。",
    when: "什么时候发生的？",
    whenHint: "日期、时间段，或是否仍在持续。",
    where: "在哪里发生的？",
    involved: "涉及哪些人？",
    involvedHint: "据您所知的姓名、职位或部门。",
    howKnown: "您是如何得知的？",
    howKnownHint: "例如：亲眼所见、听人说起、发现了相关文件。",
    othersAware: "还有其他人知道这件事吗？",
    identityLegend: "您的身份",
    identity: {
      ANONYMOUS: { label: "匿名", hint: "没有人会知道您是谁。您凭回执跟进举报。" },
      CONFIDENTIAL: {
        label: "保密",
        hint: "您的姓名和联系方式将被加密保存，只有在提出有记录、有理由的申请并经合规负责人批准后才会打开。",
      },
      NAMED: { label: "实名", hint: "处理举报的人员可以看到您的姓名和联系方式。" },
    },
    name: "您的姓名",
    contact: "联系方式（电话或邮箱）",
    identityFieldsHint: "仅用于保密或实名举报。如选择匿名，此处填写的内容不会被保存。",
    excludeLegend: "不让某些人接触本举报（可选）",
    excludeHint: "勾选不应看到本举报的处理人员，例如与事件有关的人。必须至少保留一位能够审核举报的人员。",
    noHandlers: "目前没有可列出的处理人员。",
    submit: "提交举报",
    invalid: "请更正下面标出的内容。举报尚未提交。",
    noTriagerRemains: "您排除了所有能够审核举报的人员。请至少保留一位合规负责人；举报尚未提交。",
    unknownExclusion: "可排除人员的名单已变化，请重新选择；举报尚未提交。",
  },
  receipt: {
    title: "您的举报已收到",
    receiptHeading: "您的回执",
    receiptIntro: "请立即抄下或复制这个回执。它只显示这一次，之后无法再次显示。",
    referenceLabel: "案件编号",
    referenceHint: "回执的前半部分。它用于识别举报，但凭它无法查看举报内容。",
    keepSafe: "请把回执保存在安全、私密的地方。任何持有回执的人都能看到对您举报的回复。包括我们在内，没有人能为您找回回执。",
    followUp: "凭回执回来查看回复、回答问题：",
    followUpLink: "跟进举报",
    duplicateTitle: "此举报已经收到",
    duplicateBody: (reference: string) =>
      `表单被提交了两次，但只登记了一份举报（案件编号 ${reference}）。其回执已在首次提交时显示过一次，无法再次显示。`,
  },
};
