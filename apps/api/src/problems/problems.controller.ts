import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isProblemCode, PROBLEM_TYPES, type ProblemType } from './problem-types.js';

const markdown = (code: string, type: ProblemType): string =>
  `# ${type.title}\n\nProblem type \`/problems/${code}\`, HTTP status ${type.status}, as application/problem+json (RFC 9457).\n\n`
  + `## When it happens\n\n${type.when}\n\n## What to do\n\n${type.todo}\n`;

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' })[c]};`);
const inline = (text: string): string => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const html = (code: string, type: ProblemType): string =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escape(type.title)}</title></head><body>\n`
  + `<h1>${escape(type.title)}</h1>\n<p>Problem type <code>/problems/${escape(code)}</code>, HTTP status ${type.status}, as application/problem+json (RFC 9457).</p>\n`
  + `<h2>When it happens</h2>\n<p>${inline(type.when)}</p>\n<h2>What to do</h2>\n<p>${inline(type.todo)}</p>\n</body></html>\n`;

/** The pages problem `type`s resolve to: /problems/{code}, Markdown, or HTML to a browser. */
@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  @Get(':code')
  @ApiOperation({ summary: 'What a problem type means: its title, when it happens, what to do (Markdown; HTML when the client accepts text/html)' })
  @ApiParam({ name: 'code', description: 'the end of the problem\'s `type`', example: 'invalid-request' })
  @ApiProduces('text/markdown', 'text/html')
  page(@Param('code') code: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (!isProblemCode(code)) throw new NotFoundException({ code: 'not-found', message: `no problem type ${code}: the types are ${Object.keys(PROBLEM_TYPES).join(', ')}` });
    const type = PROBLEM_TYPES[code];
    const wantsHtml = /\btext\/html\b/.test(request.headers.accept ?? '');
    void reply.type(wantsHtml ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8');
    return wantsHtml ? html(code, type) : markdown(code, type);
  }
}
