/**
 * An author attaches an image to a post they may edit. The image is re-encoded without its
 * metadata (camera, GPS position, editing software) before anything is kept, and the author
 * gets the Markdown to place it.
 */
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../core/policy.ts';
import { IMAGE_PATH_PREFIX } from '../../core/publishing/markdown.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { IMAGE_MAX_BYTES, IMAGE_MAX_MEGABYTES } from '../../core/publishing/post.ts';
import { reencodeImage, storeImage } from '../../storage/publishing/imageFiles.ts';
import type { Context } from '../context.ts';
import { mayChangeText, postFor } from './postAccess.ts';

export type ImageUpload = {
  postId: string;
  bytes: Buffer;
  /** True when the upload was cut off at the size limit. */
  truncated: boolean;
  folder: string;
};

export async function attachImage(context: Context, actor: Actor, upload: ImageUpload): Promise<{ url: string; width: number; height: number }> {
  const post = await postFor(context.db, actor, upload.postId, 'blog.edit');
  if (!mayChangeText(actor, post)) throw new AppError('POST_STATUS_CONFLICT', { status: post.status });
  if (upload.truncated || upload.bytes.length > IMAGE_MAX_BYTES) {
    throw new AppError('IMAGE_TOO_LARGE', { megabytes: IMAGE_MAX_MEGABYTES }, { image: 'errors.IMAGE_TOO_LARGE' });
  }
  if (upload.bytes.length === 0) throw new AppError('IMAGE_UNREADABLE', {}, { image: 'errors.IMAGE_UNREADABLE' });
  const image = await reencodeImage(upload.bytes).catch((error: unknown) => {
    if (error instanceof AppError) throw new AppError(error.code, error.params, { image: error.messageKey });
    throw error;
  });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const current = await postFor(tx, actor, upload.postId, 'blog.edit');
    const { fileName } = await storeImage(tx, { folder: upload.folder, image, postId: current.id, uploadedBy: actor.staffId, now });
    await recordAudit(tx, { actorId: actor.staffId, action: 'blog.image-attached', subjectType: 'blog-post', subjectId: current.id, orgId: current.orgId, details: { fileName } }, now);
    return { url: `${IMAGE_PATH_PREFIX}${fileName}`, width: image.width, height: image.height };
  });
}
