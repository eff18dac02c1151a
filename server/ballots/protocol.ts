/** Socket commands of this domain (client → server), merged into ClientToServerEvents. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface BallotCommands {}
