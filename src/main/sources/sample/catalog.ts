import type { Prng } from './prng';

/**
 * What the sample data is made of: OutSystems-like applications, their
 * modules, screens and server actions, and the messages each logs at each
 * level. Invented, but shaped like the logs an OutSystems factory streams.
 */

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Share of each level, roughly what a healthy production factory logs. */
export const levelWeights: readonly (readonly [Level, number])[] = [
  ['trace', 4],
  ['debug', 20],
  ['info', 56],
  ['warn', 12],
  ['error', 7],
  ['fatal', 1],
];

export const severityOf: Record<Level, { number: number; text: string }> = {
  trace: { number: 1, text: 'TRACE' },
  debug: { number: 5, text: 'DEBUG' },
  info: { number: 9, text: 'INFO' },
  warn: { number: 13, text: 'WARN' },
  error: { number: 17, text: 'ERROR' },
  fatal: { number: 21, text: 'FATAL' },
};

/** Values a message template can use; drawn once per request. */
export interface MessageContext {
  rng: Prng;
  orderId: string;
  customerId: number;
  user: string;
  sku: string;
  invoiceId: string;
  ms: number;
  clientIp: string;
}

type Template = (c: MessageContext) => string;

export interface ModuleSpec {
  /** The module (eSpace): service.name. */
  name: string;
  /** The application it belongs to: service.namespace. */
  application: string;
  version: string;
  screens: readonly string[];
  actions: readonly string[];
  routes: readonly { method: string; path: string }[];
  messages: Record<Level, readonly Template[]>;
}

const amount = (c: MessageContext) => (c.rng.int(500, 250_000) / 100).toFixed(2);

export const modules: readonly ModuleSpec[] = [
  {
    name: 'OrderManagement',
    application: 'Sales Portal',
    version: '3.14.2',
    screens: ['OrderList', 'OrderDetail', 'Checkout'],
    actions: ['CreateOrder', 'SubmitPayment', 'CancelOrder', 'GetOrderLines'],
    routes: [
      { method: 'POST', path: '/OrderManagement/rest/Orders' },
      { method: 'GET', path: '/OrderManagement/OrderDetail' },
      { method: 'POST', path: '/OrderManagement/screenservices/Checkout/SubmitPayment' },
    ],
    messages: {
      trace: [(c) => `Entering CreateOrder for customer ${c.customerId}`],
      debug: [
        (c) => `Loaded ${c.rng.int(1, 40)} order lines for ${c.orderId} from cache in ${c.ms} ms`,
        (c) => `Aggregate GetOrdersByCustomer returned ${c.rng.int(0, 120)} rows in ${c.ms} ms`,
      ],
      info: [
        (c) =>
          `Order ${c.orderId} created for customer ${c.customerId} (${c.rng.int(1, 12)} items, ${amount(c)} EUR)`,
        (c) => `Payment authorized for order ${c.orderId}`,
        (c) => `Order ${c.orderId} moved to status Shipped`,
      ],
      warn: [
        (c) => `Payment gateway answered slowly (${c.ms} ms) for order ${c.orderId}`,
        (c) => `Order ${c.orderId} submitted twice by ${c.user}; the second submit was ignored`,
      ],
      error: [
        (c) => `Failed to submit order ${c.orderId}: payment declined by the issuer`,
        (c) => `Could not save order ${c.orderId}: the transaction was deadlocked`,
      ],
      fatal: [() => 'Order processing halted: the OrderManagement database is unreachable'],
    },
  },
  {
    name: 'CustomerPortal',
    application: 'Customer Portal',
    version: '2.7.0',
    screens: ['Home', 'Profile', 'MyOrders', 'Login'],
    actions: ['Login', 'UpdateProfile', 'GetCustomerOrders'],
    routes: [
      { method: 'GET', path: '/CustomerPortal/Home' },
      { method: 'POST', path: '/CustomerPortal/screenservices/Profile/UpdateProfile' },
      { method: 'GET', path: '/CustomerPortal/MyOrders' },
    ],
    messages: {
      trace: [(c) => `Screen Profile: OnReady for ${c.user}`],
      debug: [
        (c) => `Screen MyOrders rendered in ${c.ms} ms`,
        (c) => `Session variables restored for ${c.user}`,
      ],
      info: [
        (c) => `User ${c.user} signed in`,
        (c) => `Profile updated for customer ${c.customerId}`,
        (c) => `User ${c.user} signed out`,
      ],
      warn: [
        (c) => `Failed login attempt for ${c.user} from ${c.clientIp}`,
        (c) => `Session for ${c.user} is about to expire`,
      ],
      error: [(c) => `Unable to load the profile of customer ${c.customerId}`],
      fatal: [() => 'The CustomerPortal front end cannot reach the identity provider'],
    },
  },
  {
    name: 'InventoryService',
    application: 'Warehouse',
    version: '1.22.5',
    screens: ['StockOverview'],
    actions: ['ReserveStock', 'UpdateStockLevel', 'SyncWarehouse'],
    routes: [
      { method: 'POST', path: '/InventoryService/rest/Stock/Reserve' },
      { method: 'PUT', path: '/InventoryService/rest/Stock/Level' },
    ],
    messages: {
      trace: [(c) => `ReserveStock called for SKU ${c.sku}`],
      debug: [(c) => `Warehouse API call took ${c.ms} ms`],
      info: [
        (c) => `Stock reserved for order ${c.orderId} (SKU ${c.sku})`,
        (c) => `Stock level of SKU ${c.sku} set to ${c.rng.int(0, 900)}`,
      ],
      warn: [(c) => `Stock of SKU ${c.sku} below reorder threshold (${c.rng.int(0, 9)} left)`],
      error: [(c) => `Timeout calling the warehouse API after ${c.ms} ms`],
      fatal: [() => 'Timer SyncWarehouse stopped after repeated failures'],
    },
  },
  {
    name: 'BillingEngine',
    application: 'Finance',
    version: '5.0.1',
    screens: ['InvoiceList'],
    actions: ['GenerateInvoice', 'ProcessPendingInvoices', 'SendReminder'],
    routes: [
      { method: 'POST', path: '/BillingEngine/rest/Invoices' },
      { method: 'GET', path: '/BillingEngine/InvoiceList' },
    ],
    messages: {
      trace: [(c) => `Computing taxes for invoice ${c.invoiceId}`],
      debug: [(c) => `Timer ProcessPendingInvoices picked ${c.rng.int(0, 200)} invoices`],
      info: [
        (c) => `Invoice ${c.invoiceId} generated for order ${c.orderId} (${amount(c)} EUR)`,
        (c) => `Payment reminder sent for invoice ${c.invoiceId}`,
      ],
      warn: [(c) => `Invoice ${c.invoiceId} is ${c.rng.int(31, 120)} days overdue`],
      error: [(c) => `Database deadlock while updating invoice ${c.invoiceId}`],
      fatal: [() => 'BillingEngine could not open its SMTP connection; reminders are not sent'],
    },
  },
];

export const users = ['ana.silva', 'j.smith', 'm.kowalski', 'li.wei', 'p.dubois', 'r.garcia'];
export const frontEnds = ['os-fe-01', 'os-fe-02', 'os-fe-03'];
export const userAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'OutSystemsMobile/11.0 (iPhone; iOS 17.5)',
];
