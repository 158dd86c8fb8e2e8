// An idea's id from the suggestion box (a UUID), as forums and policy versions cite it.
// Its own module so the console's policy checks need not bring the forum file's parser.
export const IDEA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
