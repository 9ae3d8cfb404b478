import { startMailSink } from './mail-sink'

/** Runs once before every e2e test: the SMTP server that receives Drydock's sign-in emails. */
export default async function globalSetup() {
  return startMailSink()
}
