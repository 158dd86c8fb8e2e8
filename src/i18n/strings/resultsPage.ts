// UI strings for the results index (/results): where each kind of published
// result lives and the rule that governs when it appears.
export const resultsPage = {
  en: {
    "resultsPage.title": "Results",
    "resultsPage.lead":
      "Everything the programme publishes about its outcomes, in one place. Every figure describes a group of at least {k} people; smaller groups are never shown, and written comments are never published.",
    "resultsPage.surveys.title": "Survey results",
    "resultsPage.surveys.body": "Aggregated answers to our satisfaction and pulse surveys, on each survey's page.",
    "resultsPage.surveys.afterClose": "Published after the survey closes on {closes}.",
    "resultsPage.surveys.see": "Results of {title}",
    "resultsPage.surveys.none": "No survey publishes results yet.",
    "resultsPage.ideas.title": "Suggestion box",
    "resultsPage.ideas.body":
      "How HR answers ideas: ideas received, the share acknowledged within the promised days, the median days to a first answer, and the share the authors themselves say was resolved — with every published idea and HR's official response.",
    "resultsPage.ideas.link": "Open the suggestion box board",
    "resultsPage.policy.title": "Your own tier",
    "resultsPage.policy.body":
      "The tier calculator on the reward policy page applies the published scoring to your own figures, in your browser; nothing is sent.",
    "resultsPage.policy.link": "Open the tier calculator",
  },
  "zh-cn": {
    "resultsPage.title": "结果公示",
    "resultsPage.lead":
      "奖励与反馈项目公开的各项结果都汇总在这里。每个数字所代表的分组都不少于 {k} 人；人数更少的分组一律不显示，文字意见从不公开。",
    "resultsPage.surveys.title": "问卷调查结果",
    "resultsPage.surveys.body": "满意度调查和月度快速调查的汇总结果，见各问卷页面。",
    "resultsPage.surveys.afterClose": "问卷于 {closes} 结束后公示。",
    "resultsPage.surveys.see": "{title}的结果",
    "resultsPage.surveys.none": "目前还没有公示结果的问卷。",
    "resultsPage.ideas.title": "意见箱",
    "resultsPage.ideas.body":
      "人力资源部如何处理建议：收到的建议数、在承诺天数内确认的比例、首次回复的中位天数，以及建议人自己认为已解决的比例——并附上每条已公开的建议和官方回复。",
    "resultsPage.ideas.link": "查看意见箱公示栏",
    "resultsPage.policy.title": "你自己的奖励等级",
    "resultsPage.policy.body": "奖励政策页面上的奖励等级测算工具会在你的浏览器中，按已公布的计分方法计算你的数据；不会发送任何内容。",
    "resultsPage.policy.link": "打开奖励等级测算",
  },
} as const satisfies { en: Record<string, string>; "zh-cn": Record<string, string> };
