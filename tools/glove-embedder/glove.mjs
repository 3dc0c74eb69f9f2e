// Sentence vectors from GloVe word vectors: a SIF-weighted sum (Arora et al.,
// "A Simple but Tough-to-Beat Baseline for Sentence Embeddings", 2017) of the
// vectors of a text's words, minus one fixed common component, scaled to
// length 1. A bag of words: word order, negation and words outside the
// vocabulary are invisible to it (docs/embeddings.md, "The GloVe embedder").
import { readFileSync } from 'node:fs';

// SIF's smoothing constant: a word of probability p weighs a / (a + p). With
// Zipf probabilities over 341k words, "the" weighs 0.12, a word of rank 100
// 0.93, of rank 1000 0.99. Hybrid recall MRR on the recall bench: a = 1e-3
// 0.713, 3e-3 0.712, 1e-2 0.715, 3e-2 0.713 (paraphrases 0.170, 0.167, 0.178,
// 0.168): a plateau; the cosine alone ranks paraphrases worst at 1e-4 (0.125).
export const SIF_A = 1e-2;

// The common component is the dominant direction of the frequency-weighted
// second moment of the most frequent words' vectors (the direction every
// sentence shares); 50,000 words hold 86% of the Zipf mass. Removing it
// raised hybrid recall's paraphrase MRR on the bench from 0.145 to 0.167.
const COMMON_COMPONENT_WORDS = 50000;
const POWER_ITERATIONS = 50;

const MAX_DIMENSIONS = 4096;

// Lower-cased runs of Unicode letters and digits; anything else separates
// words ("don't" -> "don", "t"; "e-mail" -> "e", "mail").
export function tokenize(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function fail(file, what) {
  throw new Error(`${file}: ${what}`);
}

// Reads a word-vector file in the wink-embeddings format: {dimensions, words:
// [...] in frequency order, vectors: {word: [dimensions floats, ...]}}.
// Returns the vectors packed in one Float32Array, so the parsed JSON can go.
export function loadGlove(file, { sifA = SIF_A, removeCommonComponent = true } = {}) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, error.message);
  }
  const { dimensions, words, vectors } = parsed ?? {};
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    fail(file, `"dimensions" must be an integer between 1 and ${MAX_DIMENSIONS}`);
  }
  if (!Array.isArray(words) || words.length === 0) fail(file, '"words" must be a non-empty array');
  if (vectors === null || typeof vectors !== 'object') fail(file, '"vectors" must be an object');

  // Zipf: the word of rank r (1-based) has probability (1/r) / H(n).
  let harmonic = 0;
  for (let rank = 1; rank <= words.length; ++rank) harmonic += 1 / rank;

  const rows = new Map();
  const packed = new Float32Array(words.length * dimensions);
  const weights = new Float32Array(words.length);
  const probabilities = new Float64Array(words.length);
  words.forEach((word, i) => {
    if (typeof word !== 'string') fail(file, `words[${i}] must be a string`);
    if (!Object.hasOwn(vectors, word) || rows.has(word)) return;
    const vector = vectors[word];
    if (!Array.isArray(vector) || vector.length < dimensions) {
      fail(file, `vectors[${JSON.stringify(word)}] must hold ${dimensions} numbers`);
    }
    const row = rows.size;
    for (let k = 0; k < dimensions; ++k) {
      const value = vector[k];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail(file, `vectors[${JSON.stringify(word)}][${k}] must be a finite number`);
      }
      packed[row * dimensions + k] = value;
    }
    const probability = 1 / (i + 1) / harmonic;
    probabilities[row] = probability;
    weights[row] = sifA / (sifA + probability);
    rows.set(word, row);
  });
  if (rows.size === 0) fail(file, 'no word of "words" has a vector');

  const model = { dimensions, rows, vectors: packed, weights, common: null };
  if (removeCommonComponent) model.common = commonComponent(model, probabilities);
  return model;
}

// Power iteration for the top eigenvector of sum_w p(w) v_w v_w^T over the
// most frequent words, from a fixed start: deterministic.
function commonComponent({ dimensions, rows, vectors }, probabilities) {
  const count = Math.min(rows.size, COMMON_COMPONENT_WORDS);
  let direction = new Float64Array(dimensions).fill(1 / Math.sqrt(dimensions));
  for (let iteration = 0; iteration < POWER_ITERATIONS; ++iteration) {
    const next = new Float64Array(dimensions);
    for (let row = 0; row < count; ++row) {
      const offset = row * dimensions;
      let dot = 0;
      for (let k = 0; k < dimensions; ++k) dot += vectors[offset + k] * direction[k];
      const scale = probabilities[row] * dot;
      for (let k = 0; k < dimensions; ++k) next[k] += scale * vectors[offset + k];
    }
    const norm = Math.hypot(...next);
    if (norm === 0) return null;
    direction = next.map((value) => value / norm);
  }
  return direction;
}

// The text's vector (plain numbers, length model.dimensions): all zeros when
// no word of it is in the vocabulary.
export function embed(model, text) {
  const { dimensions, rows, vectors, weights, common } = model;
  const sum = new Float64Array(dimensions);
  let found = false;
  for (const word of tokenize(text)) {
    const row = rows.get(word);
    if (row === undefined) continue;
    found = true;
    const weight = weights[row];
    const offset = row * dimensions;
    for (let k = 0; k < dimensions; ++k) sum[k] += weight * vectors[offset + k];
  }
  if (!found) return Array.from(sum);
  if (common !== null) {
    let projection = 0;
    for (let k = 0; k < dimensions; ++k) projection += sum[k] * common[k];
    for (let k = 0; k < dimensions; ++k) sum[k] -= projection * common[k];
  }
  let norm = 0;
  for (let k = 0; k < dimensions; ++k) norm += sum[k] * sum[k];
  norm = Math.sqrt(norm);
  if (norm === 0) return Array.from(sum.fill(0));
  // Nine significant digits read back as the same float32 (what is stored).
  return Array.from(sum, (value) => Number((value / norm).toPrecision(9)));
}
