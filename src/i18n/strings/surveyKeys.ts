// UI strings for the published survey keys (src/lib/invitation/key.ts): the
// page that lists them (/results/keys/), the surveys feed that carries them,
// and the line on the survey page. The form's own words about a key that is
// not the published one are survey.code.* (./surveys.ts).
export const surveyKeys = {
  en: {
    "surveyKeys.title": "Survey keys",
    "surveyKeys.lead":
      "Each invitation-only survey has one key, the same for everyone. When you enter your code, the survey form checks that the server's answer was made with this key, and stops if it was not: a server that gave you a key of your own could link your code to your answers.",
    "surveyKeys.where":
      "The key is built into the survey's page (which shows its fingerprint), listed here and in the surveys feed, and kept in the site's source, where every change is recorded. Compare the fingerprint on your survey's page with this list, or with a colleague's.",
    "surveyKeys.check": "The fingerprint is the start of the SHA-256 hash of the key's 32 bytes, in groups of four.",
    "surveyKeys.none": "No survey needs an invitation code at the moment.",
    "surveyKeys.dates": "Dates",
    "surveyKeys.fingerprint": "Fingerprint",
    "surveyKeys.key": "Key",
    "surveyKeys.feed": "Surveys feed (RSS)",
    "surveyKeys.feedTitle": "Surveys",
    "surveyKeys.feedDescription": "Every survey, newest first; an invitation-only survey with its key.",
    "surveyKeys.feedKey": "Survey key {key}, fingerprint {fingerprint}.",
    "surveyKeys.onPage":
      "This survey's key has the fingerprint {fingerprint}, the same for everyone: the form checks the server against it.",
    "surveyKeys.allKeys": "Every survey key",
    "surveyKeys.link": "The keys of invitation-only surveys",
  },
  "zh-cn": {
    "surveyKeys.title": "问卷密钥",
    "surveyKeys.lead":
      "每份需要邀请码的问卷都有一个密钥，所有人看到的都相同。你输入邀请码后，问卷表单会核对服务器的答复是否用这个密钥生成；如果不是，表单就此停止。服务器若给你一个专属的密钥，就可能把你的邀请码与你的回答关联起来。",
    "surveyKeys.where":
      "密钥内置在问卷页面中（页面上显示它的指纹），也列在本页和问卷订阅源里，并保存在网站的源代码中，每次改动都有记录。你可以把问卷页面上的指纹与本页或同事看到的指纹相互核对。",
    "surveyKeys.check": "指纹取自密钥 32 个字节的 SHA-256 哈希值的开头部分，每四位一组。",
    "surveyKeys.none": "目前没有需要邀请码的问卷。",
    "surveyKeys.dates": "日期",
    "surveyKeys.fingerprint": "指纹",
    "surveyKeys.key": "密钥",
    "surveyKeys.feed": "问卷订阅源（RSS）",
    "surveyKeys.feedTitle": "问卷调查",
    "surveyKeys.feedDescription": "全部问卷，最新的在前；需要邀请码的问卷附有其密钥。",
    "surveyKeys.feedKey": "问卷密钥 {key}，指纹 {fingerprint}。",
    "surveyKeys.onPage": "本问卷密钥的指纹是 {fingerprint}，所有人看到的都相同；表单会用它核对服务器。",
    "surveyKeys.allKeys": "全部问卷密钥",
    "surveyKeys.link": "需要邀请码的问卷的密钥",
  },
};
