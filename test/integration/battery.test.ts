// The bad-input battery's fixed part: every endpoint, every derived bad
// request, the tables compared after each (./battery/suite.ts).
import { batterySuite } from "./battery/suite.ts";

batterySuite("fixed");
