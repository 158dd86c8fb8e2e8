// Every unit and integration file starts with fast-check's settings (./fast-check.ts).
import { configureFastCheck } from "./fast-check.ts";

configureFastCheck();
