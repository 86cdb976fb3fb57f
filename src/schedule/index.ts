/** Installation schedules: five-field cron in UTC, pure. */
export { nextCronRun, parseCron, type CronSchedule } from './cron';
export { defaultSchedule, minuteOf } from './default-schedule';
