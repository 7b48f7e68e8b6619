export * from './linkedin'
export * from './crm'
export * from './page'
