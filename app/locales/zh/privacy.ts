/** Privacy: the announce preview and public summaries (issue 12, decision 023). */
const privacy = {
  preview: {
    title: "公开内容预览",
    intro: "发布公告后，下面这些内容任何人都能看到。系统找到的姓名、电话、身份证号和门牌号已标出，默认打码后发布。",
    found: "发现 {{count}} 处个人信息，默认打码",
    none: "没有发现个人信息。请再通读一遍：少见的姓氏系统可能认不出。",
    empty: "（空）",
    publishedAs: "将公开为",
    keep: "按原文公开「{{text}}」",
    confirmUnmasked: "我确认：勾选“按原文公开”的内容不是个人信息，或本人已同意公开。",
    kind: { title: "标题", place: "地点", summary: "公开摘要", party: "当事人", itemTitle: "议题", proposal: "方案", guest: "列席嘉宾" },
    hit: { name: "姓名", phone: "电话", id_number: "身份证号", room: "门牌号" },
  },
  summary: {
    label: "公开摘要",
    hint: "写给公众看的事项简介，不要写姓名、电话和门牌号。事项描述只在内部可见。",
    save: "保存公开摘要",
    saved: "公开摘要已保存。",
    none: "还没有公开摘要：公众只能看到标题。",
  },
  consent: {
    label: "同意在公开页面显示真实姓名",
    hint: "只有本人同意时才勾选。不勾选时，公开页面显示为“张某 · 居民代表”。",
    given: "已同意公开姓名（{{date}}）",
    notGiven: "未同意公开姓名，公开时打码",
  },
  errors: {
    personal_data_unconfirmed: "有 {{count}} 处个人信息选择了按原文公开，请勾选确认后再发布公告。",
  },
};
export default privacy;
