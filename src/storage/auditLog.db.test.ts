/**
 * The audit writer on a real database: entries chained in one statement verify, the first entry
 * of a database starts the chain, writers in parallel transactions (PostgreSQL) are numbered
 * without gaps in commit order, and an entry appended by another database function is checked.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeStorage } from '../../tests/support/databases.ts';
import { preparedAudit, recordAudit, verifyAuditLog, type AppendedRow, type PreparedAudit } from './auditLog.ts';
import { queryRows } from './database.ts';

describeStorage('the audit log writer', (use, backend) => {
  it('starts the chain on an empty log and chains every entry so that it verifies', async () => {
    const { db } = use();
    expect(await queryRows(db, sql`select * from audit_head`)).toEqual([]);
    for (let n = 1; n <= 5; n += 1) {
      const entry = await db.transaction((tx) =>
        recordAudit(tx, { actorId: null, action: 'test.written', subjectType: 'test', subjectId: `s${n}`, details: { n, text: 'ünïcode “quotes” \\ and \n lines', nested: { b: [1, 2.5, null], a: true } } }),
      );
      expect(entry.seq).toBe(n);
    }
    const verdict = await verifyAuditLog(db);
    expect(verdict).toMatchObject({ ok: true, count: 5 });
  });

  it('writes nothing when the transaction it belongs to fails', async () => {
    const { db } = use();
    const before = await verifyAuditLog(db);
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { actorId: null, action: 'test.rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verifyAuditLog(db)).toEqual(before);
  });

  it('checks an entry appended by another database function, and refuses one hashed differently', async () => {
    const { db } = use();
    const append = (audit: PreparedAudit, after: Buffer) =>
      sql`select * from redress_audit_append(${audit.parts.before}::bytea, ${audit.parts.middle}::bytea, ${after}::bytea, ${audit.fields.at}::timestamptz,
            null, ${audit.fields.action}::text, ${audit.fields.subjectType}::text, ${audit.fields.subjectId}::text, null, ${JSON.stringify(audit.fields.details)}::jsonb)`;
    await db.transaction(async (tx) => {
      const audit = preparedAudit({ actorId: null, action: 'test.by-function', subjectType: 'test', subjectId: 'f', details: { part: 1 } }, new Date());
      const entry = audit.check((await queryRows<AppendedRow>(tx, append(audit, audit.parts.after)))[0]);
      const next = await recordAudit(tx, { actorId: null, action: 'test.after-function' });
      expect(next.prevHash).toBe(entry.hash);
    });
    const before = await verifyAuditLog(db);
    await expect(
      db.transaction(async (tx) => {
        const audit = preparedAudit({ actorId: null, action: 'test.tampered', subjectType: 'test', subjectId: 't' }, new Date());
        audit.check((await queryRows<AppendedRow>(tx, append(audit, Buffer.from(',"subjectId":"other","subjectType":"test"}'))))[0]);
      }),
    ).rejects.toThrow('hashed it differently');
    expect(await verifyAuditLog(db)).toEqual(before);
    expect(before).toMatchObject({ ok: true });
  });

  it.runIf(backend === 'postgres')('numbers entries from parallel transactions without gaps, in commit order', async () => {
    const { db } = use();
    const before = await verifyAuditLog(db);
    const writers = Array.from({ length: 8 }, (_, writer) =>
      (async () => {
        for (let n = 0; n < 10; n += 1) {
          await db.transaction(async (tx) => {
            await recordAudit(tx, { actorId: null, action: 'test.parallel', subjectId: `${writer}-${n}` });
            await tx.execute(sql`select pg_sleep(0.001)`);
            await recordAudit(tx, { actorId: null, action: 'test.parallel-second', subjectId: `${writer}-${n}` });
          });
        }
      })(),
    );
    await Promise.all(writers);
    const verdict = await verifyAuditLog(db);
    expect(verdict).toMatchObject({ ok: true, count: (before.ok ? before.count : 0) + 160 });
    // Each transaction's two entries are adjacent: nobody else's entry came between them.
    const rows = await queryRows<{ action: string; subject_id: string }>(db, sql`select action, subject_id from audit_log where action like 'test.parallel%' order by seq`);
    for (let index = 0; index < rows.length; index += 2) {
      expect(rows[index + 1]?.subject_id).toBe(rows[index]?.subject_id);
    }
  });
});
