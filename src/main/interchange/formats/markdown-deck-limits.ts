/** Sizes the Markdown deck generator keeps to (those of the deck file format), and the id pattern. */
export const MAX_ID_LENGTH = 120;
export const MAX_TAG_LENGTH = 60;
export const MAX_SECTION_LENGTH = 60;
export const MAX_TITLE_LENGTH = 200;
export const MAX_CLOZE_ITEMS = 20;
export const MAX_DISTRACTORS = 3;
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
