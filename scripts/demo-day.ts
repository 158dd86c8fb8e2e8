// The day `npm start` and the test suites pin the clock to (CANDOR_TODAY),
// taken from the demo surveys' dates in src/content/surveys/: the November
// pulse is open, the H2 reward survey upcoming and the H1 survey closed,
// whatever the real date is. test/unit/demo-day.test.ts checks this against
// the content: when the demo surveys' dates move, move this day with them.
export const DEMO_TODAY = "2026-11-30";
