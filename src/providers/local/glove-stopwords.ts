const ARTICLES_AND_CONJUNCTIONS =
  "a an the and or but nor so yet if then than as because while";
const PREPOSITIONS =
  "of to in on at by for from with into onto about over under between through";
const PRONOUNS_AND_DETERMINERS =
  "i me my we us our you your he him his she her it its they them their " +
  "this that these those there here what which who whom";
const AUXILIARY_VERBS =
  "is am are was were be been being do does did has have had " +
  "will would shall should can could may might must";

/**
 * Function words left out of a text's mean vector. They are the most
 * frequent words of any text and their vectors sit near the middle of the
 * space, so keeping them pulls every mean towards the same point and makes
 * unrelated texts look alike. Negations ("no", "not") are kept: they can
 * tell otherwise similar sentences apart.
 */
export const GLOVE_STOPWORDS: ReadonlySet<string> = new Set(
  [
    ARTICLES_AND_CONJUNCTIONS,
    PREPOSITIONS,
    PRONOUNS_AND_DETERMINERS,
    AUXILIARY_VERBS,
  ]
    .join(" ")
    .split(" "),
);
