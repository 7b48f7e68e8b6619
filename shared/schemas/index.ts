export * from './auth'
export * from './errors'
export * from './lead'
export * from './criteria'
