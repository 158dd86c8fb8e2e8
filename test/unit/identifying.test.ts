import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findIdentifying, identifyingKinds, type IdentifyingKind } from "#lib/text/identifying.ts";

function kindsOf(text: string): IdentifyingKind[] {
  return findIdentifying(text).map((f) => f.kind);
}

function expectFinds(text: string, kind: IdentifyingKind, match: string) {
  const findings = findIdentifying(text);
  const hit = findings.find((f) => f.kind === kind);
  expect(hit, `${kind} in ${JSON.stringify(text)}: ${JSON.stringify(findings)}`).toBeDefined();
  expect(hit!.text).toBe(match);
  expect(text.slice(hit!.start, hit!.end)).toBe(match);
}

describe("identifying details: what is caught", () => {
  it.each([
    ["我是夜班组的张伟，工号 A10234", "张伟"],
    ["我是张伟，在二组。", "张伟"],
    ["我叫李娜", "李娜"],
    ["本人王芳，建议增加培训。", "王芳"],
    ["我的名字是欧阳明月。", "欧阳明月"],
    ["本人姓名：刘洋", "刘洋"],
    ["My name is Jane and I work in billing.", "Jane"],
    ["Hi, I'm Zhang Wei from the complaints desk.", "Zhang Wei"],
    ["I am Priya, and the rota is unfair.", "Priya"],
    ["Call me Tom if you need details.", "Tom"],
  ])("a self-introduction: %s", (text, match) => expectFinds(text, "name", match));

  it("names the writer and their employee number together (the review's example)", () => {
    expect(identifyingKinds("我是夜班组的张伟，工号 A10234")).toEqual(["name", "employee_id", "shift_or_ticket"]);
  });

  it.each([
    ["Write to me at li.wei+cs@example.com.cn please", "li.wei+cs@example.com.cn"],
    ["我的邮箱是zhangsan@corp.example.com，欢迎联系", "zhangsan@corp.example.com"],
  ])("e-mail: %s", (text, match) => expectFinds(text, "email", match));

  it.each([
    ["Call me on 13812345678", "13812345678"],
    ["电话：138 1234 5678。", "138 1234 5678"],
    ["手机 +86 139-1234-5678", "+86 139-1234-5678"],
    ["座机010-12345678找我", "010-12345678"],
    ["landline (021) 8765 4321", "(021) 8765 4321"],
    ["reach me at +44 20 7946 0958 today", "+44 20 7946 0958"],
    ["or +1 (555) 123-4567", "+1 (555) 123-4567"],
    ["US office 555-123-4567", "555-123-4567"],
    ["内线分机 8021", "分机 8021"],
  ])("phone: %s", (text, match) => expectFinds(text, "phone", match));

  it.each([
    ["我的工号是E104582", "工号是E104582"],
    ["工号：20231157", "工号：20231157"],
    ["Employee ID: CS-004512", "Employee ID: CS-004512"],
    ["staff no. 88231 here", "staff no. 88231"],
    ["signed E104582", "E104582"],
  ])("employee number: %s", (text, match) => expectFinds(text, "employee_id", match));

  it.each([
    ["It happened on 2026-11-03 at the desk", "2026-11-03"],
    ["on 3/11/2026 we", "3/11/2026"],
    ["2026年11月3日晚上", "2026年11月3日"],
    ["上个月11月3号的会议", "11月3号"],
    ["三月五日那天", "三月五日"],
    ["since March 3rd, 2026 the queue", "March 3rd, 2026"],
    ["on 14 Nov my supervisor", "14 Nov"],
  ])("date: %s", (text, match) => expectFinds(text, "date", match));

  it.each([
    ["ticket #48213 was closed unfairly", "ticket #48213"],
    ["工单号：GD20261103001 被退回", "工单号：GD20261103001"],
    ["case no. 7731 took hours", "case no. 7731"],
    ["I am on shift 3 this week", "shift 3"],
    ["班次：B2", "班次：B2"],
    ["夜班 22:00-06:00 人手不够", "夜班 22:00-06:00"],
    ["see #20451", "#20451"],
  ])("shift or ticket: %s", (text, match) => expectFinds(text, "shift_or_ticket", match));

  it.each([
    ["电话１３８００１３８０００找我", "phone", "１３８００１３８０００"],
    ["邮箱name＠corp.cn", "email", "name＠corp.cn"],
    ["邮箱ｎａｍｅ＠ｃｏｒｐ．ｃｎ。", "email", "ｎａｍｅ＠ｃｏｒｐ．ｃｎ"],
    ["我的工号：Ａ１２３４", "employee_id", "工号：Ａ１２３４"],
    ["２０２６－１１－０３那天", "date", "２０２６－１１－０３"],
    ["ticket\u3000#48213 closed", "shift_or_ticket", "ticket\u3000#48213"],
  ] as const)("full-width input (a Chinese IME's default): %s", (text, kind, match) => expectFinds(text, kind, match));

  it("reports each finding once, in text order, with spans that slice back to the text", () => {
    const text = "工号E104582，电话13812345678，邮箱a@b.cn，2026-11-03 工单号 GD12345";
    const findings = findIdentifying(text);
    expect(findings.map((f) => f.kind)).toEqual(["employee_id", "phone", "email", "date", "shift_or_ticket"]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    expect(identifyingKinds(text)).toEqual(["email", "phone", "employee_id", "date", "shift_or_ticket"]);
  });
});

describe("identifying details: review gaps", () => {
  it.each([
    ["我的坐席号 8012，下午在", "employee_id", "坐席号 8012"],
    ["座席号：A2231", "employee_id", "座席号：A2231"],
    ["座席编号是 6610", "employee_id", "座席编号是 6610"],
    ["my badge 12345 got scanned", "employee_id", "badge 12345"],
    ["I was agent 4471 that day", "employee_id", "agent 4471"],
    ["11月27那天的会议", "date", "11月27"],
    ["截止到3月5，没有人回复", "date", "3月5"],
    ["see TKT-2026-00123 for details", "shift_or_ticket", "TKT-2026-00123"],
    ["it is INC-26-4471 again", "shift_or_ticket", "INC-26-4471"],
    ["order #12345 was lost", "shift_or_ticket", "order #12345"],
    ["request no. 88123 got stuck", "shift_or_ticket", "request no. 88123"],
    ["call id 44718 dropped", "shift_or_ticket", "call id 44718"],
    ["on 5.12.2026 the tool", "date", "5.12.2026"],
    ["on 5/12/26 the tool", "date", "5/12/26"],
  ] as const)("caught: %s", (text, kind, match) => expectFinds(text, kind, match));

  // a shift the writer works narrows who they are to a handful of people
  it.each([
    ["I work the late shift and nobody covers my break", "late shift"],
    ["I'm on the late shift this month", "late shift"],
    ["I’m on the late shift this month", "late shift"],
    ["We're usually on the early shift", "early shift"],
    ["my night shift ended at six", "night shift"],
    ["I am on the night-shift rota", "night-shift"],
    ["Since I started supervising the weekend shift, the queue doubled", "weekend shift"],
    ["我上夜班，没人替班", "夜班"],
    ["我们晚班的人手不够", "晚班"],
    ["我是中班的，下班太晚", "中班"],
    ["我这个月上大夜班", "大夜班"],
  ])("a shift the writer works: %s", (text, match) => expectFinds(text, "shift_or_ticket", match));

  it.each([
    "Night-shift supervisors handle the hardest escalations.",
    "I think night-shift colleagues need more support.",
    "Colleagues on the late shift get no breaks.",
    "我觉得夜班的同事压力很大",
    "晚班的交接流程需要改进。",
    "We should shift focus from speed to quality.",
  ])("shifts of others are not flagged: %s", (text) => {
    expect(findIdentifying(text)).toEqual([]);
  });

  it.each([
    "A bonus of RMB10000 or USD12000 per year would motivate the team.",
    "We passed ISO27001 and follow GB50016 for the building.",
    "奖金RMB10000太少，EUR12000差不多。",
    "the ISO-2022-001 template",
    "Please call 12345 hotline numbers less often.",
    "We lose an order 12345 items long every year.",
    "The request 20000 times a day is too many.",
    "Upgrade from 5.12.20 to 10.30.45 fixed the crash.",
    "11月27个工作日里",
    "3月5次培训太多了",
    "11月12.5%的满意度",
    "我们有坐席120人",
  ])("not flagged: %s", (text) => {
    expect(findIdentifying(text)).toEqual([]);
  });
});

describe("identifying details: ordinary prose is left alone", () => {
  const prose = [
    "The quarterly bonus should reward problem-resolution rate as much as customer satisfaction.",
    "Our team reached 92.5% satisfaction in Q3 2026 but the tier thresholds changed twice.",
    "Please publish the criteria for the top 10% tier before the annual review, not after.",
    "A 3-day resilience training every 6 months would help supervisors under pressure.",
    "Average handling time of 320 seconds is unrealistic for complex complaints.",
    "Budget 5000 yuan per team for team activities; 2 events a year would be enough.",
    "I may be wrong, but honour certificates matter less than clear promotion paths.",
    "We should shift focus from speed to quality-audit scores.",
    "Version 2.1 of the policy is clearer than 1.4 was.",
    "In 2025 the commendation meeting was held once; twice a year would be better.",
    "建议把问题解决率和客户满意度放在同等重要的位置。",
    "第三季度我们的满意度达到了92%，但奖励等级的门槛调整了两次。",
    "希望每季度公布一次绩效奖金的计算方法，年度评估前就公布。",
    "夜班的同事压力很大，建议增加心理支持和抗压培训。",
    "每个团队每年5000元的团队活动预算比较合适，每年两次活动就够了。",
    "跨部门交流可以安排在每月的第二周，持续3天。",
    "荣誉证书和表彰大会很好，但晋升通道更重要。",
    "平均处理时长320秒对于复杂投诉来说不现实。",
    "排名前10%的主管应该获得额外的培训机会。",
    "2026年的奖励政策比2025年清楚多了。",
    // self-introductions that name no one
    "我是新来的客服主管，希望培训更系统。",
    "我是高兴的，但希望奖金更透明。",
    "我是说晋升标准应该提前公布。",
    "本人觉得季度奖励的门槛太高。",
    "我叫不出所有指标的名字，能否简化？",
    "I'm not sure the tiers are fair.",
    "I'm Chinese-speaking and the English form was hard.",
    "I am Happy with the new training budget.",
    "My name is not important; the rota is.",
  ];

  it.each(prose)("no finding in: %s", (text) => {
    expect(findIdentifying(text)).toEqual([]);
  });

  it("never throws and only returns spans inside the text, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        for (const f of findIdentifying(text)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start, f.end)).toBe(f.text);
        }
      }),
    );
  });

  it("finds a phone number wherever it is embedded in prose", () => {
    fc.assert(
      fc.property(fc.constantFrom(...prose), fc.stringMatching(/^1[3-9]\d{9}$/), (sentence, phone) => {
        const text = `${sentence} ${phone} ${sentence}`;
        expect(kindsOf(text)).toEqual(["phone"]);
      }),
    );
  });

  it("is empty for empty input", () => {
    expect(findIdentifying("")).toEqual([]);
    expect(identifyingKinds("")).toEqual([]);
  });
});
