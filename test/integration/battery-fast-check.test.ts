// The bad-input battery's generated part: fast-check over bodies, text fields,
// queries and paths, the tables compared after each request (./battery/suite.ts).
import { batterySuite } from "./battery/suite.ts";

batterySuite("fast-check");
