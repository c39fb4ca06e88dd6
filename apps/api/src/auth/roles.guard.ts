import { ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { findKey, isLoopback, ROLES, type Principal, type Role } from '../../../../libs/config/src/index.js';

const ROLES_KEY = 'timeline:roles';
/** Routes without @RequireRole are public reads; with several roles, any one of them will do. */
export const RequireRole = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);

/** The roles a handler needs (its own @RequireRole, else its controller's); undefined for a public one. */
export const requiredRoles = (controller: object, handler: (...args: never[]) => unknown): readonly Role[] | undefined =>
  (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) as readonly Role[] | undefined;

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request);
    if (!roles.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenException({ code: 'forbidden', message: `this needs the ${roles.join(' or ')} role` });
    }
    request.principal = principal;
    return true;
  }

  private authenticate(request: FastifyRequest): Principal {
    if (this.config.apiKeys.length === 0) {
      // keyless default: the server listens on loopback only, and loopback callers hold every role
      if (isLoopback(request.ip)) return { actor: 'local', roles: ROLES, keyless: true };
      throw new UnauthorizedException({ code: 'unauthorized', message: 'no API keys are configured: only loopback clients may write' });
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match ? findKey(this.config.apiKeys, match[1] as string) : undefined;
    if (!key) throw new UnauthorizedException({ code: 'unauthorized', message: 'a valid bearer API key is required' });
    return { actor: key.name, roles: [key.role] };
  }
}
