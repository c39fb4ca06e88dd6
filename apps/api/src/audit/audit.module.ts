import { Module } from '@nestjs/common';

/** Audit: its controllers and providers are registered here. */
@Module({})
export class AuditModule {}
