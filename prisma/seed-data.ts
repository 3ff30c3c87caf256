// The demo company: 澄明科技集团 / Chengming Technology Group. Entirely fictional — names are drawn
// deterministically from common surname and given-name lists, so every demo install (and every
// end-to-end run) has the same directory.

export const DEMO_ORG = { nameZh: "澄明科技集团", nameEn: "Chengming Technology Group" } as const;

/** The one password of every demo account (printed by `npm run demo`, listed in README.md). */
export const DEMO_PASSWORD = "sunline-demo-2026";

export type DemoDepartment = { code: string; nameZh: string; nameEn: string; parent: string | null; size: number };

/** Ten departments in a tree (HQ at the root; Procurement under Operations, IT under R&D). Sizes sum to 200. */
export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: "HQ", nameZh: "集团总部", nameEn: "Group Headquarters", parent: null, size: 8 },
  { code: "FIN", nameZh: "财务部", nameEn: "Finance", parent: "HQ", size: 16 },
  { code: "AUD", nameZh: "内部审计部", nameEn: "Internal Audit", parent: "HQ", size: 8 },
  { code: "LEG", nameZh: "法务合规部", nameEn: "Legal & Compliance", parent: "HQ", size: 10 },
  { code: "HR", nameZh: "人力资源部", nameEn: "Human Resources", parent: "HQ", size: 12 },
  { code: "RD", nameZh: "研发中心", nameEn: "Research & Development", parent: "HQ", size: 40 },
  { code: "IT", nameZh: "信息技术部", nameEn: "Information Technology", parent: "RD", size: 14 },
  { code: "SAL", nameZh: "销售部", nameEn: "Sales", parent: "HQ", size: 38 },
  { code: "OPS", nameZh: "运营部", nameEn: "Operations", parent: "HQ", size: 34 },
  { code: "PRO", nameZh: "采购部", nameEn: "Procurement", parent: "OPS", size: 20 },
];

export type DemoAccount = {
  email: string;
  role: "admin" | "auditor" | "compliance_lead" | "investigator" | "employee";
  department: string;
};

/** One account per role, two compliance leads and two investigators. Each is also a person in the directory. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.sunline.local", role: "admin", department: "IT" },
  { email: "auditor@demo.sunline.local", role: "auditor", department: "AUD" },
  { email: "compliance1@demo.sunline.local", role: "compliance_lead", department: "LEG" },
  { email: "compliance2@demo.sunline.local", role: "compliance_lead", department: "LEG" },
  { email: "investigator1@demo.sunline.local", role: "investigator", department: "LEG" },
  { email: "investigator2@demo.sunline.local", role: "investigator", department: "AUD" },
  { email: "employee@demo.sunline.local", role: "employee", department: "SAL" },
];

export const DEMO_SUPPLIERS = [
  {
    code: "SUP-HY",
    nameZh: "华远物流有限公司",
    nameEn: "Huayuan Logistics Co., Ltd.",
    contacts: 2,
  },
  {
    code: "SUP-HX",
    nameZh: "恒信包装材料有限公司",
    nameEn: "Hengxin Packaging Materials Co., Ltd.",
    contacts: 2,
  },
  {
    code: "SUP-YQ",
    nameZh: "云启软件服务有限公司",
    nameEn: "Yunqi Software Services Co., Ltd.",
    contacts: 3,
  },
] as const;

export const SURNAMES: [zh: string, pinyin: string][] = [
  ["王", "Wang"], ["李", "Li"], ["张", "Zhang"], ["刘", "Liu"], ["陈", "Chen"], ["杨", "Yang"],
  ["黄", "Huang"], ["赵", "Zhao"], ["吴", "Wu"], ["周", "Zhou"], ["徐", "Xu"], ["孙", "Sun"],
  ["马", "Ma"], ["朱", "Zhu"], ["胡", "Hu"], ["郭", "Guo"], ["何", "He"], ["林", "Lin"],
  ["罗", "Luo"], ["高", "Gao"], ["郑", "Zheng"], ["梁", "Liang"], ["谢", "Xie"], ["宋", "Song"],
  ["唐", "Tang"], ["许", "Xu"], ["韩", "Han"], ["冯", "Feng"], ["邓", "Deng"], ["曹", "Cao"],
  ["彭", "Peng"], ["曾", "Zeng"], ["萧", "Xiao"], ["田", "Tian"], ["董", "Dong"], ["潘", "Pan"],
  ["袁", "Yuan"], ["蔡", "Cai"], ["蒋", "Jiang"], ["余", "Yu"], ["欧阳", "Ouyang"],
];

export const GIVEN_NAMES: [zh: string, pinyin: string][] = [
  ["伟", "Wei"], ["芳", "Fang"], ["娜", "Na"], ["敏", "Min"], ["静", "Jing"], ["丽", "Li"],
  ["强", "Qiang"], ["磊", "Lei"], ["军", "Jun"], ["洋", "Yang"], ["勇", "Yong"], ["艳", "Yan"],
  ["杰", "Jie"], ["娟", "Juan"], ["涛", "Tao"], ["明", "Ming"], ["超", "Chao"], ["秀英", "Xiuying"],
  ["霞", "Xia"], ["平", "Ping"], ["刚", "Gang"], ["桂英", "Guiying"], ["晓东", "Xiaodong"], ["雪梅", "Xuemei"],
  ["志强", "Zhiqiang"], ["海燕", "Haiyan"], ["建华", "Jianhua"], ["文博", "Wenbo"], ["子涵", "Zihan"], ["思远", "Siyuan"],
  ["嘉怡", "Jiayi"], ["宇航", "Yuhang"], ["欣然", "Xinran"], ["浩然", "Haoran"], ["梓萱", "Zixuan"], ["俊杰", "Junjie"],
  ["雨桐", "Yutong"], ["晨曦", "Chenxi"], ["一鸣", "Yiming"], ["佳琪", "Jiaqi"], ["天宇", "Tianyu"], ["诗涵", "Shihan"],
  ["立新", "Lixin"], ["美玲", "Meiling"], ["国庆", "Guoqing"], ["婷婷", "Tingting"], ["鹏飞", "Pengfei"],
];

/** Some staff use an English first name in the English directory, as many do. */
export const ENGLISH_FIRST_NAMES = [
  "Lily", "Kevin", "Grace", "Eric", "Vivian", "Jason", "Cindy", "Leo", "Helen", "Frank",
  "Iris", "Oscar", "Tina", "Sam", "Joyce", "Victor", "Amy", "Ryan", "Coco", "Daniel",
];
