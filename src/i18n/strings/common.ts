// Site chrome: header, navigation, footer, home, 404. Chinese terms follow
// the list in docs/content.md (奖励政策, 结果公示, 问卷调查, 意见箱 …).
export const common = {
  en: {
    // --- site
    "site.name": "Candor",
    "site.tagline": "Our reward programme, in the open. Your voice, anonymous.",
    "site.skip": "Skip to main content",
    // --- navigation
    "nav.label": "Main",
    "nav.home": "Home",
    "nav.policy": "Reward policy",
    "nav.results": "Results",
    "nav.surveys": "Surveys",
    "nav.ideas": "Ideas",
    "nav.language": "Language",
    "nav.menu": "Menu",
    "nav.switchTo": "Read this page in {language}",
    // --- footer
    "footer.anonymity": "Surveys and ideas are anonymous: no address, device or time of day is stored with what you send.",
    "footer.source": "Candor is open-source software.",
    "footer.privacy": "How anonymity works",
    // --- home
    "home.title": "Rewards you can check, a voice you can trust",
    "home.lead":
      "Candor publishes how customer-service supervisors are rewarded — the criteria, tiers, cycles and what each tier brings — and the programme's results, so everyone can see the rules and check how they are applied. It is also where you answer satisfaction surveys and send ideas, anonymously, and see what happened to them.",
    "home.policy.title": "Read the reward policy",
    "home.policy.body": "The criteria, how each tier is reached, when rewards are paid, and every earlier version with what changed.",
    "home.results.title": "See the results",
    "home.results.body": "Published results of the programme and of our surveys, with small groups never shown.",
    "home.surveys.title": "Answer a survey",
    "home.surveys.body": "Tell us how satisfied you are and what you expect. Anonymous by design.",
    "home.ideas.title": "Send an idea",
    "home.ideas.body": "Put an idea in the suggestion box, keep your receipt code, and follow HR's answer.",
    "home.promise.title": "Our promise",
    "home.promise.body":
      "Nothing you send is linked to you: we store no address, no device, no time of day — only the date. Results are shown only for groups large enough that no one can be singled out: at least {k} people by default, and never fewer than {floor}.",
    // --- 404
    "notFound.title": "Page not found",
    "notFound.body": "This page does not exist, or has moved.",
    "notFound.home": "Go to the home page",
    // --- shared words
    "common.updated": "Updated",
    "common.readMore": "Read more",
  },
  "zh-cn": {
    "site.name": "Candor",
    "site.tagline": "奖励政策公开透明，你的声音匿名安全。",
    "site.skip": "跳到主要内容",
    "nav.label": "主导航",
    "nav.home": "首页",
    "nav.policy": "奖励政策",
    "nav.results": "结果公示",
    "nav.surveys": "问卷调查",
    "nav.ideas": "意见箱",
    "nav.language": "语言",
    "nav.menu": "菜单",
    "nav.switchTo": "用{language}阅读本页",
    "footer.anonymity": "问卷和建议均为匿名：你提交的内容不会与 IP 地址、设备或具体时间一起保存。",
    "footer.source": "Candor 是开源软件。",
    "footer.privacy": "匿名机制说明",
    "home.title": "奖励可查证，声音有保障",
    "home.lead":
      "Candor 公开客服主管的奖励政策，包括考核指标、奖励等级、奖励周期和各等级的奖励，并公示项目结果，让每个人都了解规则、核实执行情况。你也可以在这里匿名填写满意度调查、提交建议，并查看处理结果。",
    "home.policy.title": "查看奖励政策",
    "home.policy.body": "考核指标、各奖励等级的达成条件、奖励发放时间，以及每个历史版本和变更内容。",
    "home.results.title": "查看结果公示",
    "home.results.body": "奖励项目和问卷调查的公示结果；人数过少的分组一律不显示。",
    "home.surveys.title": "参与问卷调查",
    "home.surveys.body": "告诉我们你的满意度和期望。全程匿名。",
    "home.ideas.title": "提交建议",
    "home.ideas.body": "把建议投进意见箱，保存回执码，随时查看人力资源部门的官方回复。",
    "home.promise.title": "我们的承诺",
    "home.promise.body":
      "你提交的任何内容都不会与你本人挂钩：我们不保存 IP 地址、设备信息或具体时间，只记录日期。结果只在人数足够多、无法辨认出个人的分组中公示：默认至少 {k} 人，无论如何不少于 {floor} 人。",
    "notFound.title": "页面不存在",
    "notFound.body": "该页面不存在或已移动。",
    "notFound.home": "返回首页",
    "common.updated": "更新于",
    "common.readMore": "了解更多",
  },
} as const;
