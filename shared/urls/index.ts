export * from './linkedin'
export * from './crm'
export * from './page'
export * from './crm-record-url'
