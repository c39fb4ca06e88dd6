import { Controller, Get, Header, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sendProblem } from '../problems/problem-details.filter.js';
import { problem } from '../problems/problem-details.js';
import { findPageDirectory, NOT_BUILT_PAGE, readAsset } from './page-files.js';

/** The timeline page at `/` and its hashed assets, public. */
@ApiExcludeController()
@Controller()
export class PageController {
  @Get()
  @Header('cache-control', 'no-cache')
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const directory = findPageDirectory();
    if (!directory) return this.notBuilt(request, reply);
    const html = await readFile(path.join(directory, 'index.html'));
    void reply.status(200).header('content-type', 'text/html; charset=utf-8').send(html);
  }

  @Get('assets/:name')
  async asset(@Param('name') name: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const directory = findPageDirectory();
    if (!directory) return this.notBuilt(request, reply);
    const file = await readAsset(directory, name);
    if (!file) {
      sendProblem(reply, request, problem(404, 'not-found', 'Not Found', `no page asset named ${name}`));
      return;
    }
    // file names carry a content hash, so they never change
    void reply.status(200).header('content-type', file.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(file.body);
  }

  private notBuilt(request: FastifyRequest, reply: FastifyReply): void {
    if ((request.headers.accept ?? '').includes('text/html')) {
      void reply.status(503).header('content-type', 'text/html; charset=utf-8').header('retry-after', '60').send(NOT_BUILT_PAGE);
      return;
    }
    sendProblem(reply, request, problem(503, 'page-not-built', 'The page has not been built',
      'the page bundle (dist/web) is missing: run `npm run build` (or `npm run build:web`)'));
  }
}
