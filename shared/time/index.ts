export * from './calendar'
export * from './business-time'
export * from './sla'
