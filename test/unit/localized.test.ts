// Values stored in both languages are read in the reader's language, else the other one.
import { describe, expect, it } from "vitest";
import { localized, localizedKey, localizedText } from "~/i18n/localized";

describe("localized values", () => {
  const person = { nameZh: "王芳", nameEn: "Wang Fang", email: "wang@example.com" };

  it("reads the field of the reader's language", () => {
    expect(localized(person, "name", "en")).toBe("Wang Fang");
    expect(localized(person, "name", "zh-CN")).toBe("王芳");
    expect(localized({ "org.nameZh": "阳光集团", "org.nameEn": "Sunshine Group" }, "org.name", "en")).toBe("Sunshine Group");
    expect(localizedText({ zh: "是", en: "Yes" }, "zh-CN")).toBe("是");
  });

  it("falls back to the other language when the reader's is empty", () => {
    expect(localized({ helpZh: "请填写日期", helpEn: "" }, "help", "en")).toBe("请填写日期");
    expect(localized({ helpZh: null, helpEn: "Give the date" }, "help", "zh-CN")).toBe("Give the date");
    expect(localized({ nameZh: null, nameEn: null }, "name", "en")).toBeNull();
  });

  it("names the field to sort by", () => {
    expect(localizedKey("name", "en")).toBe("nameEn");
    expect(localizedKey("name", "zh-CN")).toBe("nameZh");
  });
});
