/** Sections of the customer 360 page owned by the workbench feature, for the 360 page to plug in. */
export { CustomerInteractions } from './CustomerInteractions';
export { CustomerTasks } from './CustomerTasks';
export { CustomerTimelineCard } from './CustomerTimelineCard';
