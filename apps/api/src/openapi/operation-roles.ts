import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { requiredRoles } from '../auth/roles.guard.js';
import type { Role } from '../../../../libs/config/src/index.js';

const joinPath = (...parts: unknown[]): string =>
  '/' + parts.flatMap((part) => (typeof part === 'string' ? part.split('/') : [])).filter(Boolean)
    .map((segment) => segment.replace(/^:(.+)$/, '{$1}')).join('/');

/**
 * The roles each operation needs ("GET /v1/audit/verify" -> ['auditor']), read from the same
 * @RequireRole metadata the guard (auth/roles.guard.ts) enforces; public operations are absent.
 */
export function operationRoles(app: INestApplication): Map<string, readonly Role[]> {
  const roles = new Map<string, readonly Role[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base: unknown = Reflect.getMetadata(PATH_METADATA, controller);
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        if (typeof method !== 'number') continue;
        const needed = requiredRoles(controller, handler as (...args: unknown[]) => unknown);
        if (needed) roles.set(`${RequestMethod[method]} ${joinPath(base, Reflect.getMetadata(PATH_METADATA, handler))}`, needed);
      }
    }
  }
  return roles;
}
