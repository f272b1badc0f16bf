import { createHash } from 'node:crypto';
import type { Actor } from '../../kernel/actor';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { auditContext, recordAudit } from '../audit';
import * as repo from './complaint.repository';
import { loadComplaint, type RequestMeta } from './complaint-intake.service';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintError } from './complaints.errors';

/**
 * The media type a file's first bytes show. Written by hand because the
 * accepted set is four well-known signatures; a general sniffing library
 * (file-type) is ESM-only, large, and would still need this allow-list.
 */
export function sniffType(content: Buffer): string | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  // text: valid UTF-8 without NUL or other control bytes than tab, CR, LF
  if (!content.includes(0)) {
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(content);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
    if (!decoded.includes('\uFFFD') && !/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.test(decoded)) return 'text/plain';
  }
  return null;
}

export type Upload = { fileName: string; declaredType: string; content: Buffer; truncated: boolean };

/** Attach evidence to a complaint: size-limited, type-checked against the content, audited. */
export async function addAttachment(deps: ComplaintsDeps, actor: Actor, id: string, file: Upload, meta?: RequestMeta) {
  const max = deps.config.complaintAttachmentMaxBytes;
  if (file.truncated || file.content.length > max) {
    throw complaintError('complaint.attachment_too_large', `file: larger than ${max} bytes`, {
      field: 'file',
      maxBytes: max,
    });
  }
  if (file.content.length === 0) throw complaintError('complaint.attachment_type', 'file: empty', { field: 'file' });
  const sniffed = sniffType(file.content);
  const allowed = deps.config.complaintAttachmentTypes;
  if (!sniffed || !allowed.includes(sniffed)) {
    throw complaintError('complaint.attachment_type', `file: type not accepted (accepted: ${allowed.join(', ')})`, {
      field: 'file',
      accepted: allowed,
    });
  }
  if (file.declaredType !== sniffed && !(sniffed === 'text/plain' && file.declaredType.startsWith('text/'))) {
    throw complaintError('complaint.attachment_type', `file: the content is ${sniffed}, not ${file.declaredType}`, {
      field: 'file',
    });
  }
  // path separators and control characters never reach a stored file name
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces
  const fileName = file.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'attachment';
  const aid = newId('attachment');
  const now = deps.clock.now();
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await deps.db.transaction(async (tx) => {
    const c = await loadComplaint(deps, actor, id, { tx, lock: true });
    await repo.insertAttachment(tx, {
      id: aid,
      complaintId: c.id,
      customerId: c.customerId,
      fileName,
      mimeType: sniffed,
      sizeBytes: file.content.length,
      sha256,
      content: file.content,
      uploadedBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'complaint.attach',
      subjectType: 'complaint',
      subjectId: c.id,
      customerId: c.customerId,
      changes: { attachmentId: aid, mimeType: sniffed, sizeBytes: file.content.length, sha256 },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'complaint.attachment_added',
        aggregateType: 'complaint',
        aggregateId: c.id,
        customerId: c.customerId,
        actorId: actor.userId,
        payload: { complaintId: c.id, attachmentId: aid, mimeType: sniffed },
      },
    ]);
  });
  return {
    id: aid,
    fileName,
    mimeType: sniffed,
    sizeBytes: file.content.length,
    sha256,
    uploadedBy: actor.userId,
    createdAt: now.toISOString(),
  };
}

export async function getAttachment(deps: ComplaintsDeps, actor: Actor, id: string, attachmentId: string) {
  await loadComplaint(deps, actor, id);
  const a = await repo.attachmentContent(deps.db, id, attachmentId);
  if (!a) throw complaintError('complaint.attachment_not_found', 'No such attachment');
  return a;
}
