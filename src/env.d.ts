declare namespace App {
  interface Locals {
    /** Citations rendered so far on the page being built; gives each preview its own id. */
    citationsRendered?: number;
  }
}
