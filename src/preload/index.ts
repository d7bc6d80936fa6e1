console.log('p')
