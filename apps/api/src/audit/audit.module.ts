import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { ExportController } from './export.controller.js';

/** Audit: verify the hash chain, digests of the log, the NDJSON export (EVENT_STORE comes from the global AppModule). */
@Module({ controllers: [AuditController, ExportController] })
export class AuditModule {}
