// A server stand-in for the task queue's crash test: queues one slow task, says when it started,
// and is then killed with SIGKILL mid-run by the test.
import fs from 'node:fs';
import { systemClock } from '../clock';
import { openDatabase } from '../db/database';
import { tasksRepository } from '../db/tasks-repository';
import { newObjectId } from '../http/ids';
import { TaskQueue } from './task-queue';

const [file, trail] = process.argv.slice(2) as [string, string];
const queue = new TaskQueue(tasksRepository(openDatabase(file)), systemClock, { newId: () => newObjectId(systemClock) });
const kind = queue.define<{ label: string }>('slow-write', {
  async run(_payload, task) {
    fs.appendFileSync(trail, `start ${task.id} ${task.attempt}\n`);
    process.stdout.write(`started ${task.id}\n`);
    await new Promise((r) => setTimeout(r, 60_000));
  },
});
queue.start();
kind.enqueue({ label: 'survivor' });
