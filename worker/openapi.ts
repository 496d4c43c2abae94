import * as z from 'zod';
import {
  ApproveBody,
  AuditView,
  IssuedKey,
  KeyBatchCreate,
  KeyBatchCreated,
  KeyList,
  Me,
  RegisterPreview,
  RegisterView,
  Consolidated,
  DecisionInput,
  DecisionRecord,
  LockBody,
  UnlockBody,
  PeriodView,
  ReportRecord,
  ErrorEnvelope,
  KeyCreate,
  KeyCreated,
  Policy,
  PolicyInput,
  ReportReceipt,
  ReturnBody,
  StatusView,
  UnitReport,
  UnitsInput,
  UnitWithChildren,
} from '../shared';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (s: z.ZodType, description = 'OK') => ({ description, content: { 'application/json': { schema: schema(s) } } });
const body = (s: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schema(s) } } });
const errors = {
  '400': json(ErrorEnvelope, 'Malformed JSON'),
  '401': json(ErrorEnvelope, 'Missing, invalid or revoked key'),
  '403': json(ErrorEnvelope, 'Key outside its scope or role'),
  '404': json(ErrorEnvelope, 'Not found'),
  '409': json(ErrorEnvelope, 'Conflict: stale If-Match, locked period, approved report'),
  '413': json(ErrorEnvelope, 'Body over 256 KB'),
  '422': json(ErrorEnvelope, 'Invalid input; for a report, its error findings'),
};
const yearUnit = [
  { name: 'year', in: 'path', required: true, schema: { type: 'integer' } },
  { name: 'unit', in: 'path', required: true, schema: { type: 'string' } },
];
const ok = json(z.object({ ok: z.literal(true) }).passthrough());

/** The contract of docs/api.md, generated from the same zod schemas the Worker parses with. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Xếp loại API', version: '1', description: 'Kiểm tra, gửi và tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên.' },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/health': { get: { security: [], responses: { '200': ok } } },
      '/api/v1/me': { get: { responses: { '200': json(Me), ...errors } } },
      '/api/v1/units': { put: { requestBody: body(UnitsInput), responses: { '200': ok, ...errors } } },
      '/api/v1/units/{unit}': { get: { parameters: [yearUnit[1]], responses: { '200': json(UnitWithChildren), ...errors } } },
      '/api/v1/keys': {
        post: { requestBody: body(KeyCreate), responses: { '201': json(KeyCreated), ...errors } },
        get: { parameters: [{ name: 'unit', in: 'query', schema: { type: 'string' } }], responses: { '200': json(KeyList), ...errors } },
      },
      '/api/v1/keys/batch': { post: { requestBody: body(KeyBatchCreate), responses: { '201': json(KeyBatchCreated), ...errors } } },
      '/api/v1/keys/{id}/reissue': { post: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '201': json(IssuedKey.extend({ replaces: z.string() })), ...errors } } },
      '/api/v1/units/preview': { post: { requestBody: body(UnitsInput), responses: { '200': json(RegisterPreview), ...errors } } },
      '/api/v1/units/{unit}/register': { get: { parameters: [yearUnit[1]], responses: { '200': json(RegisterView), ...errors } } },
      '/api/v1/audit/{year}/{unit}': { get: { parameters: yearUnit, responses: { '200': json(AuditView), ...errors } } },
      '/api/v1/keys/{id}': { delete: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': ok, ...errors } } },
      '/api/v1/reports/{year}/{unit}': {
        put: {
          parameters: [
            ...yearUnit,
            { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } },
            { name: 'If-Match', in: 'header', schema: { type: 'string' } },
          ],
          requestBody: body(UnitReport),
          responses: { '200': json(ReportReceipt), ...errors },
        },
        get: { parameters: [...yearUnit, { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } }], responses: { '200': json(ReportRecord), ...errors } },
              },
      '/api/v1/decisions/{year}/{unit}': {
        put: { parameters: yearUnit, requestBody: body(DecisionInput), responses: { '200': json(DecisionRecord.extend({ ok: z.literal(true) })), ...errors } },
        get: { parameters: yearUnit, responses: { '200': json(DecisionRecord), ...errors } },
      },
      '/api/v1/consolidated/{year}/{unit}.xlsx': {
        get: { parameters: yearUnit, responses: { '200': { description: 'The consolidated workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } }, ...errors } },
      },
      '/api/v1/consolidated/{year}/{unit}.docx': {
        get: { parameters: yearUnit, responses: { '200': { description: "The year's report as a Word document", content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } } } }, ...errors } },
      },
      '/api/v1/consolidated/{year}/{unit}': { get: { parameters: yearUnit, responses: { '200': json(Consolidated), ...errors } } },
      '/api/v1/status/{year}/{unit}': { get: { parameters: yearUnit, responses: { '200': json(StatusView), ...errors } } },
      '/api/v1/status/{year}/{unit}/approve': { post: { parameters: yearUnit, requestBody: { ...body(ApproveBody), required: false }, responses: { '200': ok, ...errors } } },
      '/api/v1/status/{year}/{unit}/return': { post: { parameters: yearUnit, requestBody: body(ReturnBody), responses: { '200': ok, ...errors } } },
      '/api/v1/periods/{year}/{unit}': { get: { parameters: yearUnit, responses: { '200': json(PeriodView), ...errors } } },
      '/api/v1/periods/{year}/{unit}/lock': { post: { parameters: yearUnit, requestBody: { ...body(LockBody), required: false }, responses: { '200': ok, ...errors } } },
      '/api/v1/periods/{year}/{unit}/unlock': { post: { parameters: yearUnit, requestBody: body(UnlockBody), responses: { '200': ok, ...errors } } },
      '/api/v1/policy/{year}/{unit}': {
        get: { parameters: yearUnit, responses: { '200': json(z.object({ policy: Policy }).passthrough()), ...errors } },
        put: { parameters: yearUnit, requestBody: body(PolicyInput), responses: { '200': ok, ...errors } },
      },
    },
  };
}
