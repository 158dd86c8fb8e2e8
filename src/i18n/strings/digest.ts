// The HR digest (src/lib/digest/model.ts): the daily message to HR's e-mail
// and group robots. Counts only; the console has the ideas themselves.
export const digest = {
  en: {
    "digest.subject": "Candor: what waits for HR on {day}",
    "digest.period.day": "New on {day}:",
    "digest.period.days": "New from {from} to {to}:",
    "digest.ideas.received": "New ideas",
    "digest.ideas.replies": "New replies from authors",
    "digest.ideas.waiting": "Ideas waiting for an answer",
    "digest.ideas.overdue": "Ideas past the acknowledgement promise",
    "digest.surveys.closing": "Surveys closing soon",
    "digest.surveys.closingItem": "{title}: last day {day}",
    "digest.surveys.codes": "Invitation codes not used yet",
    "digest.surveys.codesItem": "{title}: {n}",
    "digest.none": "none",
    "digest.why":
      "Counts only: ideas and replies are read in the HR console, never in this message. It is sent at the same hour every day, whatever happened.",
    "digest.console": "HR console: {url}",
  },
  "zh-cn": {
    "digest.subject": "Candor：{day} 待人力资源处理的事项",
    "digest.period.day": "{day} 新增：",
    "digest.period.days": "{from} 至 {to} 新增：",
    "digest.ideas.received": "新建议",
    "digest.ideas.replies": "提交人的新回复",
    "digest.ideas.waiting": "等待答复的建议",
    "digest.ideas.overdue": "超过确认承诺期限的建议",
    "digest.surveys.closing": "即将结束的调查",
    "digest.surveys.closingItem": "{title}：最后一天 {day}",
    "digest.surveys.codes": "尚未使用的邀请码",
    "digest.surveys.codesItem": "{title}：{n}",
    "digest.none": "无",
    "digest.why": "此消息只有数量：建议和回复请在人力资源管理后台阅读，不会出现在消息中。无论当天发生什么，消息每天都在同一时间发送。",
    "digest.console": "人力资源管理后台：{url}",
  },
} as const;
