// Identifying details in free text: the notes under the idea and survey
// forms' fields (src/components/surveyjs/identifying-notes.tsx), and the
// names of the kinds found, which the HR console uses too.
export const identifying = {
  en: {
    "identifying.lead": "This may identify you:",
    "identifying.item": "“{text}” ({kind})",
    "identifying.show": "Select",
    "identifying.showLabel": "Select “{text}” in your answer",
    "identifying.advice": "Anyone reading it could recognise you. Consider removing or rewording it; you can still send it as it is.",
    "identifying.hint": "Don't write your name or anything else that identifies you.",
    "identifying.kind.name": "your name",
    "identifying.kind.email": "an e-mail address",
    "identifying.kind.phone": "a phone number",
    "identifying.kind.employee_id": "an employee or seat number",
    "identifying.kind.date": "a date",
    "identifying.kind.shift_or_ticket": "a shift or a ticket number",
    "identifying.kind.shift": "a shift",
    "identifying.kind.ticket": "a ticket number",
  },
  "zh-cn": {
    "identifying.lead": "以下内容可能暴露你的身份：",
    "identifying.item": "“{text}”（{kind}）",
    "identifying.show": "选中",
    "identifying.showLabel": "在回答中选中“{text}”",
    "identifying.advice": "读到的人可能会认出你，建议删除或换个说法；也可以照原样提交。",
    "identifying.hint": "请不要写你的姓名或其他能让人认出你的信息。",
    "identifying.kind.name": "姓名",
    "identifying.kind.email": "电子邮箱",
    "identifying.kind.phone": "电话号码",
    "identifying.kind.employee_id": "工号或坐席号",
    "identifying.kind.date": "日期",
    "identifying.kind.shift_or_ticket": "班次或工单号",
    "identifying.kind.shift": "班次",
    "identifying.kind.ticket": "工单号",
  },
} as const satisfies { en: Record<string, string>; "zh-cn": Record<string, string> };
