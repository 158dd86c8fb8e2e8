// UI strings for /results/access/: the public list of HR's reads of what
// employees wrote (survey comments and exported answers), filled in by the
// server (src/server/read-log.ts).
export const readLog = {
  en: {
    "readLog.title": "When HR read what you wrote",
    "readLog.lead":
      "Each time HR reads a survey's written comments or exports its answers, the console records it. This page lists those records, day by day, for every survey. HR sees comments only once at least {k} people have answered, in a new random order on every read, without dates and apart from the rest of each person's answers; an export has no dates either, and never the team or tenure next to the answers.",
    "readLog.fallback":
      "The list is filled in by the server when this page is served. If you see this, it could not be loaded; try again later.",
    "readLog.empty": "HR has not read the comments or exported the answers of any survey.",
    "readLog.caption": "{title}: reads by HR",
    "readLog.day": "Day",
    "readLog.what": "What HR did",
    "readLog.who": "Who",
    "readLog.action.survey.comments.read": "Read the written comments",
    "readLog.action.survey.responses.export": "Exported the answers (CSV)",
    "readLog.role": "HR",
    "readLog.withTimes": "{action} ({times})",
    "readLog.times.one": "{n} time",
    "readLog.times.other": "{n} times",
    "readLog.names": "The organisation has chosen to show the name of the HR person on this list.",
    "readLog.roles":
      "The organisation has chosen to show the role, not the person, on this list; the HR console's audit log names the person.",
    "readLog.chain.title": "Check that this record is complete",
    "readLog.chain.lead":
      "This list comes from the HR console's audit log, which can only grow: each entry carries a fingerprint (SHA-256) of itself and of every entry before it. These two values stand for the whole log as it is now:",
    "readLog.chain.count": "Entries",
    "readLog.chain.head": "Fingerprint of the latest entry",
    "readLog.chain.how":
      "Write both down, or save this page. On a later visit there must be at least as many entries, and entry number {count} must still have this fingerprint. If there are fewer entries, or the fingerprint has changed, entries were removed or rewritten in the meantime — restoring the database to an earlier moment looks exactly like this. Anyone can check; no account is needed.",
    "readLog.chain.check": "The fingerprint of entry {count}, at any later time:",
    "readLog.retention.title": "How long what you wrote is kept",
    "readLog.retention.lead":
      "What employees write is deleted once it has served its purpose. Every day a scheduled run deletes what is past its term and records how much in the audit log. Figures stay: results, participation and the ideas board keep their published numbers.",
    "readLog.retention.ideas":
      "Ideas: {days} days after an idea is closed (done, declined or a duplicate), its title and text, your replies, your comment on HR's answer and HR's private answers are deleted. HR's published, edited version stays on the board.",
    "readLog.retention.comments":
      "Survey comments: {days} days after the next run of the same survey has closed (a survey with no next run: {standalone} days after it closed), its written answers are deleted.",
    "readLog.retention.answers":
      "Survey answers (ratings and choices, what HR can export as a spreadsheet): {days} days after the survey closed, they are deleted. The survey's published results keep their figures.",
    "readLog.retention.retry":
      "Resend records (which let a send that failed be repeated without being stored twice): {days} days after an idea arrived, or after a survey closed.",
    "readLog.retention.caption": "Deleted by the retention runs",
    "readLog.retention.what": "What was deleted",
    "readLog.retention.count": "How many",
    "readLog.retention.kind.ideaTexts": "Texts of closed ideas (ideas)",
    "readLog.retention.kind.surveyComments": "Survey comments (answers)",
    "readLog.retention.kind.surveyAnswers": "Survey answers: ratings and choices (answers)",
    "readLog.retention.fewer": "fewer than {k}",
    "readLog.retention.none": "Nothing has been deleted yet: nothing has passed its term.",
    "readLog.retention.malformed":
      "The organisation's setting {names} is not a whole number of days, so no retention run deletes anything until it is corrected. The terms below show the default in its place.",
  },
  "zh-cn": {
    "readLog.title": "人力资源部的查看记录",
    "readLog.lead":
      "人力资源部每次查看问卷的文字回答或导出答卷，后台都会记录下来。本页按天列出每份问卷的这些记录。至少 {k} 人作答后，人力资源部才能查看文字回答；每次查看的顺序都随机打乱，不显示日期，也与每个人的其他回答分开。导出的答卷同样不含日期，也从不在回答旁附上所在组或工作年限。",
    "readLog.fallback": "此列表由服务器在打开页面时填入。如果你看到这段文字，说明列表未能加载，请稍后再试。",
    "readLog.empty": "人力资源部尚未查看任何问卷的文字回答，也未导出答卷。",
    "readLog.caption": "{title}：人力资源部的查看记录",
    "readLog.day": "日期",
    "readLog.what": "操作",
    "readLog.who": "操作人",
    "readLog.action.survey.comments.read": "查看文字回答",
    "readLog.action.survey.responses.export": "导出答卷（CSV）",
    "readLog.role": "人力资源部",
    "readLog.withTimes": "{action}{times}",
    "readLog.times.one": "{n} 次",
    "readLog.times.other": "{n} 次",
    "readLog.names": "本单位选择在此列表中显示人力资源部操作人的姓名。",
    "readLog.roles": "本单位选择在此列表中只显示岗位、不显示具体人员；人力资源管理后台的操作日志会记录具体人员。",
    "readLog.chain.title": "核对这份记录是否完整",
    "readLog.chain.lead":
      "本列表来自人力资源管理后台的操作日志。日志只能追加：每条记录都带有一个指纹（SHA-256），涵盖它本身和此前的每一条记录。下面两个值代表此刻的整个日志：",
    "readLog.chain.count": "记录条数",
    "readLog.chain.head": "最新一条记录的指纹",
    "readLog.chain.how":
      "请记下这两个值，或保存本页。以后再来查看时，记录条数应不少于现在，第 {count} 条记录的指纹也应与现在相同。如果条数变少或指纹变了，说明期间有记录被删除或改写；把数据库恢复到较早的时刻，看起来正是这样。任何人都可以核对，无需账号。",
    "readLog.chain.check": "以后随时查询第 {count} 条记录的指纹：",
    "readLog.retention.title": "你写的内容保存多久",
    "readLog.retention.lead":
      "员工写下的内容在用完之后就会删除。每天有一次定时任务，删除超过保存期限的内容，并把删除的数量记入操作日志。统计数字不受影响：结果、参与人数和建议公示栏保留已公布的数字。",
    "readLog.retention.ideas":
      "建议：建议结束（已完成、不采纳或重复）{days} 天后，删除其标题和内容、你的回复、你对答复的评价以及人力资源部的非公开答复。人力资源部编辑后公布的版本仍保留在公示栏上。",
    "readLog.retention.comments": "问卷文字回答：同一问卷的下一期结束 {days} 天后删除（没有下一期的问卷：结束 {standalone} 天后删除）。",
    "readLog.retention.answers":
      "问卷答案（评分和选择题，即 HR 可以导出为表格的内容）：问卷结束 {days} 天后删除。问卷已公布的结果数字保持不变。",
    "readLog.retention.retry": "重发记录（让发送失败的内容可以重发而不会重复保存）：建议收到或问卷结束 {days} 天后删除。",
    "readLog.retention.caption": "定时删除的记录",
    "readLog.retention.what": "删除的内容",
    "readLog.retention.count": "数量",
    "readLog.retention.kind.ideaTexts": "已结束建议的文字（条建议）",
    "readLog.retention.kind.surveyComments": "问卷文字回答（条）",
    "readLog.retention.kind.surveyAnswers": "问卷评分和选择题答案（条）",
    "readLog.retention.fewer": "少于 {k}",
    "readLog.retention.none": "尚未删除任何内容：还没有内容超过保存期限。",
    "readLog.retention.malformed": "单位的设置 {names} 不是整数天数，在改正之前，定时删除不会删除任何内容。下面在它的位置列出默认期限。",
  },
};
