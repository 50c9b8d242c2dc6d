# User story 5: a small tanh MLP that cannot separate two curves; "validation loss stays constant".
import numpy as np
import matplotlib.pyplot as plt
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD
from keras.utils import to_categorical

x = np.linspace(0, 2 * np.pi, 256)
upper = np.stack([x, np.cos(1.2 * x) + 0.8], axis=1)
lower = np.stack([x, np.cos(1.2 * x) - 0.8], axis=1)
data = np.concatenate([upper, lower])          # class 0 first, class 1 second
labels = to_categorical(np.concatenate([np.zeros(256), np.ones(256)]))

model = Sequential()
model.add(Dense(4, activation='tanh', input_dim=2))
model.add(Dense(4, activation='tanh'))
model.add(Dense(4, activation='tanh'))
model.add(Dense(4, activation='tanh'))
model.add(Dense(2, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer=SGD(), metrics=['accuracy'])

history = model.fit(data, labels, epochs=300, batch_size=8, validation_split=0.2)

# decision boundary
xx, yy = np.meshgrid(np.linspace(0, 2 * np.pi, 200), np.linspace(-2.5, 2.5, 200))
grid = np.c_[xx.ravel(), yy.ravel()]
probs = model.predict(grid)[:, 1].reshape(xx.shape)
plt.contourf(xx, yy, probs, levels=20, cmap='RdBu')
plt.scatter(data[:, 0], data[:, 1], c=labels[:, 1], s=4)
plt.show()
