import { getMetadataStorage } from 'class-validator';
import { COMMON_FACT_FIELDS, FACT_FIELDS, FACT_KINDS } from '../../../../domain/src/index.js';
import { FACT_DTOS } from './fact.dto.js';

const validatedFields = (dto: new () => object): string[] =>
  [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((meta) => meta.propertyName))].sort();

describe('the HTTP fact DTOs match the domain catalogue', () => {
  it('has one DTO per fact kind', () => {
    expect(Object.keys(FACT_DTOS).sort()).toEqual([...FACT_KINDS].sort());
  });

  it.each(FACT_KINDS)('%s validates exactly the fields the domain defines', (kind) => {
    expect(validatedFields(FACT_DTOS[kind])).toEqual([...COMMON_FACT_FIELDS, ...FACT_FIELDS[kind]].sort());
  });
});
