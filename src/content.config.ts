// Content collections, each defined with a zod schema in its own module so a
// bad file fails the build with a message that names the file and the field.
// Collections register here.
export const collections = {};
