// A full page load, for the few moves that must leave nothing of the page's memory behind (signing
// out of a multi-user console). An object, so page tests can watch it: jsdom does not navigate.
export const pageLoad = {
  to(url: string): void {
    window.location.assign(url);
  },
};
