import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { postForm, setUpNewsroom, type Newsroom } from '../../../tests/support/publishingPeople.ts';
import { AppError } from '../../core/errors.ts';
import { blogImages } from '../../storage/schema/index.ts';
import { IMAGE_MAX_BYTES } from '../../core/publishing/post.ts';
import { readImageFile } from '../../storage/publishing/imageFiles.ts';
import { attachImage } from './attachImage.ts';
import { draftPost } from './draftPost.ts';

/** A photo as phones take them: camera make and model, the owner's name, and where it was taken. */
async function photoWithLocation(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Pocket 9', Artist: 'Private Person' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '5/1 33/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 12/1 0/1' },
    })
    .toBuffer();
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.code;
}

describeStorage('attaching images to a post', (use) => {
  let database: TestDatabase;
  let people: Newsroom;
  let postId: string;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-blog-images-'));

  beforeAll(async () => {
    database = use();
    people = await setUpNewsroom(database);
    ({ postId } = await draftPost(database.context, people.author, postForm({ orgId: people.openHands, title: 'With a photo' })));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('keeps the picture and drops every trace of camera, owner and place', async () => {
    const original = await photoWithLocation();
    const before = await exifr.parse(original, { gps: true });
    expect(before?.latitude).toBeCloseTo(5.55);
    expect(before?.Artist).toBe('Private Person');

    const attached = await attachImage(database.context, people.author, { postId, bytes: original, truncated: false, folder });
    expect(attached.url).toMatch(/^\/blog\/images\/[0-9a-f-]{36}\.jpg$/);
    expect([attached.width, attached.height]).toEqual([120, 80]);
    const stored = await readImageFile(folder, path.basename(attached.url));
    if (!stored) throw new Error('the image file is missing');
    expect(await exifr.parse(stored, true)).toBeUndefined();
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([120, 80]);
  });

  it('turns a photo upright before its orientation tag is dropped', async () => {
    const sideways = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#336699' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await exifr.parse(sideways, ['Orientation']))?.Orientation).toBe('Rotate 90 CW');
    const attached = await attachImage(database.context, people.author, { postId, bytes: sideways, truncated: false, folder });
    expect([attached.width, attached.height]).toEqual([20, 60]);
  });

  it('keeps transparency as PNG', async () => {
    const logo = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const attached = await attachImage(database.context, people.author, { postId, bytes: logo, truncated: false, folder });
    expect(attached.url.endsWith('.png')).toBe(true);
  });

  it('refuses an image over the size limit, and one that is not an image, storing nothing', async () => {
    const before = await database.db.select().from(blogImages);
    expect(await codeOf(attachImage(database.context, people.author, { postId, bytes: Buffer.alloc(16), truncated: true, folder }))).toBe('IMAGE_TOO_LARGE');
    expect(await codeOf(attachImage(database.context, people.author, { postId, bytes: Buffer.alloc(IMAGE_MAX_BYTES + 1), truncated: false, folder }))).toBe('IMAGE_TOO_LARGE');
    expect(await codeOf(attachImage(database.context, people.author, { postId, bytes: Buffer.from('%PDF-1.7 not a picture'), truncated: false, folder }))).toBe('IMAGE_UNREADABLE');
    expect(await codeOf(attachImage(database.context, people.author, { postId, bytes: Buffer.alloc(0), truncated: false, folder }))).toBe('IMAGE_UNREADABLE');
    expect(await database.db.select().from(blogImages)).toHaveLength(before.length);
  });

  it('lets only people who may edit the post attach to it', async () => {
    const photo = await photoWithLocation();
    expect(await codeOf(attachImage(database.context, people.secondAuthor, { postId, bytes: photo, truncated: false, folder }))).toBe('NOT_FOUND');
  });

  it('serves only file names it could have written', async () => {
    expect(await readImageFile(folder, '../../etc/passwd')).toBeUndefined();
    expect(await readImageFile(folder, '00000000-0000-4000-8000-000000000000.jpg')).toBeUndefined();
  });
});
