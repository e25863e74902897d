/**
 * Images for posts, on disk under <data folder>/attachments/blog-images/. An upload is decoded and
 * re-encoded (auto-rotated first, so dropping the EXIF orientation changes nothing a reader
 * sees); re-encoding without `withMetadata` leaves EXIF, GPS, XMP and ICC comments behind.
 * Images are public content once referenced by a post, so they are stored unencrypted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../core/errors.ts';
import { IMAGE_MAX_BYTES, IMAGE_MAX_MEGABYTES } from '../../core/publishing/post.ts';
import type { Queryable } from '../database.ts';
import { blogImages } from '../schema/index.ts';

/** Decompression bombs: a small file that claims billions of pixels is refused before decoding. */
const MAX_INPUT_PIXELS = 50_000_000;
const MAX_WIDTH = 2000;

export const imageFileNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(jpg|png)$/;

export function imagesFolder(dataDir: string): string {
  // Under attachments/ so that `redress backup` carries post images with every other file.
  return path.join(dataDir, 'attachments', 'blog-images');
}

/** Photographs become JPEG; images with transparency (logos, charts) PNG. */
export type ReencodedImage = { bytes: Buffer; width: number; height: number; format: 'jpg' | 'png' };

export async function reencodeImage(input: Buffer): Promise<ReencodedImage> {
  if (input.length > IMAGE_MAX_BYTES) throw new AppError('IMAGE_TOO_LARGE', { megabytes: IMAGE_MAX_MEGABYTES });
  try {
    const metadata = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (!['jpeg', 'png', 'webp', 'gif'].includes(metadata.format ?? '')) throw new AppError('IMAGE_UNREADABLE');
    const format = metadata.hasAlpha ? 'png' : 'jpg';
    const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: MAX_WIDTH, withoutEnlargement: true });
    const encoded = format === 'png' ? pipeline.png({ compressionLevel: 9 }) : pipeline.jpeg({ quality: 80, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height, format };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMAGE_UNREADABLE');
  }
}

/** Writes the file first (a new random name), then records it; a failed record leaves an orphan file, never a broken link. */
export async function storeImage(
  db: Queryable,
  input: { folder: string; image: ReencodedImage; postId: string; uploadedBy: string; now: Date },
): Promise<{ fileName: string }> {
  const id = crypto.randomUUID();
  const fileName = `${id}.${input.image.format}`;
  await fs.mkdir(input.folder, { recursive: true });
  const temporary = path.join(input.folder, `.${fileName}.partial`);
  await fs.writeFile(temporary, input.image.bytes, { flag: 'wx' });
  await fs.rename(temporary, path.join(input.folder, fileName));
  await db.insert(blogImages).values({
    id,
    fileName,
    postId: input.postId,
    uploadedBy: input.uploadedBy,
    width: input.image.width,
    height: input.image.height,
    bytes: input.image.bytes.length,
    sha256: crypto.createHash('sha256').update(input.image.bytes).digest('hex'),
    createdAt: input.now,
  });
  return { fileName };
}

export async function readImageFile(folder: string, fileName: string): Promise<Buffer | undefined> {
  if (!imageFileNamePattern.test(fileName)) return undefined;
  try {
    return await fs.readFile(path.join(folder, fileName));
  } catch {
    return undefined;
  }
}
