import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Responses smaller than this go as they are: compressing a few hundred bytes saves nothing. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** JSON and problem+json, the NDJSON export, CSV and the page's text assets. */
const COMPRESSIBLE = /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|\/x-ndjson(?:;|$)|\/javascript(?:;|$)/;

/**
 * Brotli or gzip (the client's Accept-Encoding chooses; brotli first when both are accepted) for
 * responses from 1 KiB, by @fastify/compress: a 150 KB state answer travels as a few KB. Brotli at
 * quality 4 (11 costs tens of milliseconds per answer for a few percent). A stream (the NDJSON
 * export) is compressed as it goes, so it still streams. The answer cache keeps the JSON text
 * (compressed per response) and the ETag names the answer whatever its coding: Vary:
 * accept-encoding tells caches apart. Request bodies are not decompressed (the body limit counts
 * the bytes as sent). Registered before the routes, whose send it then wraps.
 */
export async function registerCompression(fastify: FastifyInstance): Promise<void> {
  await fastify.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
